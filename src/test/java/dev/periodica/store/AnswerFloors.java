package dev.periodica.store;

/**
 * The API benchmark's floors (docs/benchmarks.md): for each measured request, the statement that
 * reads exactly the rows and columns of periodica's answer, built from the same column lists, but
 * by key and with no access check. A bare server answering with these statements is the most any
 * server can do for the same answer on the same machine; periodica against it is the cost of its
 * own work (validation, access checks, mapping), the floor against the bare select by key is the
 * cost of the answer's data.
 */
public final class AnswerFloors {
  /**
   * $1 task: the task, its report with its people, and the report's latest task when that is
   * another task, as {@code PgTaskWithReportReader}'s statement reads them without its checks.
   */
  public static final String TASK =
      PgReportTaskRepository.COLUMNS
          + ", latest.*, report.* FROM report_tasks t LEFT JOIN LATERAL ("
          + PgReportRepository.COLUMNS
          + PgReportRepository.PEOPLE
          + " FROM reports r WHERE r.id = t.report_id) report ON true LEFT JOIN LATERAL ("
          + PgReportTaskRepository.COLUMNS
          + " FROM report_tasks t WHERE t.id = report.task_id AND t.id <> $1) latest ON true"
          + " WHERE t.id = $1";

  /** $1 report: the report's latest task, then the report with its people. */
  public static final String REPORT =
      "SELECT latest.*, report.* FROM ("
          + PgReportRepository.COLUMNS
          + PgReportRepository.PEOPLE
          + " FROM reports r WHERE r.id = $1) report LEFT JOIN LATERAL ("
          + PgReportTaskRepository.COLUMNS
          + " FROM report_tasks t WHERE t.id = report.task_id) latest ON true";

  /** $1 run: the run's columns. */
  public static final String RUN =
      "SELECT " + PgRunRepository.RUN_COLUMNS + " FROM runs r WHERE r.id = $1";

  /**
   * $1 report: the first page of 50 of its tasks in the list's default order, with the list's exact
   * total (the answer carries it).
   */
  public static final String LIST_OF_50 =
      PgReportTaskRepository.COLUMNS
          + ", count(*) OVER () AS total FROM report_tasks t WHERE t.report_id = $1"
          + " ORDER BY t.created_at ASC, t.id ASC LIMIT 50";

  private AnswerFloors() {}
}
