package dev.periodica.api;

import dev.periodica.access.Group;
import dev.periodica.access.User;
import dev.periodica.report.Dashboard;
import dev.periodica.report.Widget;
import java.util.List;

/** A dashboard with its owner, the users and groups it is shared with, and its widgets. */
public record DashboardDetails(
    Dashboard dashboard, User owner, List<User> users, List<Group> groups, List<Widget> widgets) {}
