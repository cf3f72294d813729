package dev.periodica.api;

import dev.periodica.access.Caller;
import dev.periodica.report.Report;
import dev.periodica.report.ReportService;
import dev.periodica.report.ReportWithUsers;
import dev.periodica.task.ReportTask;
import dev.periodica.task.TaskReports;
import io.vertx.core.Future;
import java.util.UUID;

/**
 * The report of a task being created, read once for one request: with the users its expansion
 * names, so that the answer (the task with its report expanded) needs no second read.
 */
final class ReportReadOnce implements TaskReports {
  private final ReportService reports;
  private ReportWithUsers read;

  ReportReadOnce(ReportService reports) {
    this.reports = reports;
  }

  @Override
  public Future<Target> visible(Caller caller, UUID reportId) {
    return reports
        .getWithUsers(caller, reportId)
        .map(
            found -> {
              read = found;
              Report report = found.report();
              return new Target(report.id(), report.ownerId(), report.fields().isSystem());
            });
  }

  /**
   * The report as it stands once {@code created} is stored: the statement that stores a task points
   * its report at it as its latest task, at the task's creation time, and changes nothing else of
   * the report. Null when no report was read (a task without one).
   */
  ReportWithUsers after(ReportTask created) {
    if (read == null || !read.report().id().equals(created.fields().reportId())) {
      return null;
    }
    Report before = read.report();
    return new ReportWithUsers(
        new Report(
            before.id(),
            before.number(),
            before.ownerId(),
            before.fields(),
            created.id(),
            before.createdAt(),
            created.createdAt()),
        read.users());
  }
}
