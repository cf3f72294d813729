package dev.periodica.store;

import dev.periodica.access.Caller;
import dev.periodica.report.ReportWithUsers;
import dev.periodica.task.ReportTask;
import dev.periodica.task.TaskWithReport;
import dev.periodica.task.TaskWithReportReader;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;
import java.util.UUID;

/**
 * A task the caller sees with its report and the report's users, or a report with its latest task,
 * in one statement. A task the caller sees has a report they may read (its report is shared with
 * them, or is a system report), so the report needs no check of its own there.
 */
public final class PgTaskWithReportReader implements TaskWithReportReader<ReportWithUsers> {
  /**
   * The report's latest task as the caller sees it, after the report's columns ({@code report}).
   */
  private static final String LATEST = latest("");

  /**
   * {@link #LATEST} unless it is the task read ($2): that one is visible and already in the row, so
   * its visibility is not checked twice (the common case: a report with one task).
   */
  private static final String LATEST_OTHER_THAN_$2 = latest(" AND t.id <> $2");

  /**
   * $1 caller, $2 task: the task's columns, its report's latest task's when that is another task
   * the caller sees (all null otherwise), then its report's (all null without a report).
   */
  private static final String FIND_VISIBLE =
      PgReportTaskRepository.COLUMNS
          + ", latest.*, report.* FROM report_tasks t LEFT JOIN LATERAL ("
          + PgReportRepository.COLUMNS
          + PgReportRepository.PEOPLE
          + " FROM reports r WHERE r.id = t.report_id) report ON true"
          + LATEST_OTHER_THAN_$2
          + " WHERE t.id = $2 AND "
          + PgReportTaskRepository.VISIBLE_TO_$1;

  /**
   * $1 caller, $2 report: the report's latest task's columns when the caller sees it (all null
   * otherwise), then the report's, when the caller may read the report.
   */
  private static final String FIND_REPORT =
      "SELECT latest.*, report.* FROM ("
          + PgReportRepository.COLUMNS
          + PgReportRepository.PEOPLE
          + " FROM reports r WHERE r.id = $2 AND "
          + PgReportRepository.READABLE_BY_$1
          + ") report"
          + LATEST;

  private final Pool pool;

  public PgTaskWithReportReader(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Optional<TaskWithReport<ReportWithUsers>>> findVisible(Caller caller, UUID id) {
    return pool.preparedQuery(FIND_VISIBLE)
        .execute(Tuple.of(caller.userId(), id))
        .map(rows -> Rows.first(rows, PgTaskWithReportReader::read));
  }

  @Override
  public Future<Optional<TaskWithReport<ReportWithUsers>>> findReport(
      Caller caller, UUID reportId) {
    return pool.preparedQuery(FIND_REPORT)
        .execute(Tuple.of(caller.userId(), reportId))
        .map(rows -> Rows.first(rows, PgTaskWithReportReader::readReport));
  }

  private static TaskWithReport<ReportWithUsers> read(Row row) {
    ReportTask task = PgReportTaskRepository.mapRow(row, 0);
    ReportWithUsers report = report(row);
    ReportTask other = task(row, PgReportTaskRepository.width());
    boolean latest = report != null && task.id().equals(report.report().taskId());
    return new TaskWithReport<>(task, report, latest ? task : other);
  }

  private static String latest(String condition) {
    return " LEFT JOIN LATERAL ("
        + PgReportTaskRepository.COLUMNS
        + " FROM report_tasks t WHERE t.id = report.task_id"
        + condition
        + " AND "
        + PgReportTaskRepository.VISIBLE_TO_$1
        + ") latest ON true";
  }

  private static TaskWithReport<ReportWithUsers> readReport(Row row) {
    return new TaskWithReport<>(null, report(row), task(row, 0));
  }

  /** The task whose columns start at {@code from}, or null where they are all null. */
  private static ReportTask task(Row row, int from) {
    return row.getUUID(from) == null ? null : PgReportTaskRepository.mapRow(row, from);
  }

  /** The report whose columns end the row, or null where they are all null. */
  private static ReportWithUsers report(Row row) {
    int from = row.size() - PgReportRepository.WIDTH_WITH_PEOPLE;
    return row.getUUID(from) == null ? null : PgReportRepository.withUsers(row, from);
  }
}
