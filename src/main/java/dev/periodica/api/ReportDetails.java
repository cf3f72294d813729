package dev.periodica.api;

import dev.periodica.access.Group;
import dev.periodica.access.User;
import dev.periodica.report.Category;
import dev.periodica.report.Report;
import dev.periodica.task.ReportTask;
import java.util.List;

/** A report with every related object expanded, as the seed's task model nests it. */
public record ReportDetails(
    Report report,
    Category category,
    DashboardDetails dashboard,
    User owner,
    List<User> users,
    List<Group> groups,
    ReportTask task) {}
