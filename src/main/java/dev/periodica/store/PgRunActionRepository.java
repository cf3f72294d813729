package dev.periodica.store;

import dev.periodica.run.BulkOutcome;
import dev.periodica.run.QueueStats;
import dev.periodica.run.Run;
import dev.periodica.run.RunActionRepository;
import dev.periodica.run.RunFilter;
import dev.periodica.run.RunSelection;
import dev.periodica.run.RunStatus;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The console's run actions: retries and bulk cancels in one statement each, queue statistics. */
public final class PgRunActionRepository implements RunActionRepository {
  private static final String RUN_VISIBLE_TO_$1 =
      "(EXISTS (SELECT 1 FROM report_tasks t WHERE t.id = r.task_id AND "
          + PgReportTaskRepository.VISIBLE_TO_$1
          + "))";

  /**
   * The selected runs: $1 viewer, $2 ids (null: by filter), $3 statuses (empty: any), $4 task, $5
   * report, $6 instance, $7 created from, $8 created before, $11 the task's job kind, $12 trigger.
   */
  private static final String SELECTED =
      """
      ($2::bigint[] IS NULL OR r.id = ANY($2::bigint[]))
        AND (cardinality($3::text[]) = 0 OR r.status = ANY($3::text[]))
        AND ($4::uuid IS NULL OR r.task_id = $4)
        AND ($5::uuid IS NULL OR r.report_id = $5)
        AND ($6::uuid IS NULL OR r.instance_id = $6)
        AND ($7::timestamptz IS NULL OR r.created_at >= $7)
        AND ($8::timestamptz IS NULL OR r.created_at < $8)
        AND ($11::text IS NULL
             OR EXISTS (SELECT 1 FROM report_tasks tj WHERE tj.id = r.task_id AND tj.job = $11))
        AND ($12::text IS NULL OR r.trigger = $12)
        AND """
          + RUN_VISIBLE_TO_$1;

  /** $9 cap, $10 now. The outer guard re-checks the status of a row changed meanwhile. */
  private static final String CANCEL_SELECTED =
      """
      UPDATE runs c
      SET status = 'cancel', ended_at = $10, lease_until = NULL, updated_at = $10,
          error = 'cancelled by user ' || $1, version = c.version + 1
      WHERE c.status IN ('new', 'in_action', 'need_restart')
        AND c.id IN (SELECT r.id FROM runs r
                     WHERE r.status IN ('new', 'in_action', 'need_restart') AND """
          + SELECTED
          + """
       ORDER BY r.id LIMIT $9)
      RETURNING c.id
      """;

  /**
   * New runs for the selected finished runs: same task, report, fire time (so the same report
   * period) and placement, a fresh slot (the fire time's own slot is taken), {@code retry_of} the
   * run retried. $9 cap, $10 now.
   */
  static final String RETRY_SELECTED =
      """
      WITH picked AS (
        SELECT r.* FROM runs r
        WHERE r.status IN ('error', 'cancel', 'cancel_too_long') AND """
          + SELECTED
          + """
       ORDER BY r.id LIMIT $9),
      created AS (
        INSERT INTO runs (task_id, report_id, status, progress, trigger, scheduled_for, attempt,
                          pinned_instance, slot, placement, eligible, retry_of, created_at,
                          updated_at)
        SELECT p.task_id, p.report_id, 'new', 0, 'manual', p.scheduled_for, 1, p.pinned_instance,
               gen_random_uuid(), p.placement, p.eligible, p.id, $10, $10
        FROM picked p ORDER BY p.id
        RETURNING *)
      SELECT r.*, pg_notify('periodica_runs', '') AS notified FROM created r ORDER BY r.retry_of
      """;

  /** The rollup's mark (V22): runs created or ended before it are in the rollup tables. */
  private static final String MARK = "SELECT folded_to FROM run_stats_state";

  private static final String VISIBLE_TASKS =
      "v AS MATERIALIZED (SELECT t.id FROM report_tasks t WHERE "
          + PgReportTaskRepository.VISIBLE_TO_$1
          + "),\n";

  /**
   * Runs of the tasks the caller ($1) sees: those created, and those ended per final status, from
   * the rollup before its mark and from runs since it; in_action and need_restart counted live
   * (bounded by the workers and the waiting retries). The mark is read again in this statement's
   * snapshot, so the rollup and the runs since agree; $2, a mark read just before (marks only move
   * forward), only bounds the index scans.
   */
  private static final String COUNTS =
      "WITH "
          + VISIBLE_TASKS
          + """
          m AS (SELECT folded_to FROM run_stats_state),
          folded AS (
            SELECT COALESCE(sum(s.created), 0) AS created, COALESCE(sum(s.complete), 0) AS complete,
                   COALESCE(sum(s.error), 0) AS error, COALESCE(sum(s.cancel), 0) AS cancel,
                   COALESCE(sum(s.cancel_too_long), 0) AS cancel_too_long
            FROM run_stats_totals s JOIN v ON v.id = s.task_id),
          created AS (
            SELECT count(*) AS created FROM runs r JOIN v ON v.id = r.task_id
            WHERE r.created_at >= $2 AND r.created_at >= (SELECT folded_to FROM m)),
          ended AS (
            SELECT count(*) FILTER (WHERE r.status = 'complete') AS complete,
                   count(*) FILTER (WHERE r.status = 'error') AS error,
                   count(*) FILTER (WHERE r.status = 'cancel') AS cancel,
                   count(*) FILTER (WHERE r.status = 'cancel_too_long') AS cancel_too_long
            FROM runs r JOIN v ON v.id = r.task_id
            WHERE r.ended_at >= $2 AND r.ended_at >= (SELECT folded_to FROM m)),
          live AS (
            SELECT count(*) FILTER (WHERE r.status = 'in_action') AS in_action,
                   count(*) FILTER (WHERE r.status = 'need_restart') AS need_restart
            FROM runs r JOIN v ON v.id = r.task_id
            WHERE r.status IN ('in_action', 'need_restart'))
          SELECT (f.created + c.created)::bigint AS created,
                 (f.complete + e.complete)::bigint AS complete, (f.error + e.error)::bigint AS error,
                 (f.cancel + e.cancel)::bigint AS cancel,
                 (f.cancel_too_long + e.cancel_too_long)::bigint AS cancel_too_long,
                 l.in_action, l.need_restart
          FROM folded f, created c, ended e, live l
          """;

  /**
   * $1 viewer, $2 first minute, $3 now, $4 a mark read before (bounds the index scans): one row per
   * minute, empty minutes included; minutes before the mark from the rollup, the rest from runs.
   */
  private static final String MINUTES =
      "WITH "
          + VISIBLE_TASKS
          + """
          m AS (SELECT folded_to FROM run_stats_state),
          f AS (SELECT s.minute AS m, sum(s.created) AS created, sum(s.finished) AS finished
                FROM run_stats_minutes s JOIN v ON v.id = s.task_id
                WHERE s.minute >= date_trunc('minute', $2::timestamptz, 'UTC') AND s.minute <= $3
                GROUP BY 1),
          c AS (SELECT date_trunc('minute', r.created_at, 'UTC') AS m, count(*) AS n
                FROM runs r JOIN v ON v.id = r.task_id
                WHERE r.created_at >= $4 AND r.created_at >= (SELECT folded_to FROM m)
                  AND r.created_at >= $2 AND r.created_at <= $3 GROUP BY 1),
          e AS (SELECT date_trunc('minute', r.ended_at, 'UTC') AS m, count(*) AS n
                FROM runs r JOIN v ON v.id = r.task_id
                WHERE r.ended_at >= $4 AND r.ended_at >= (SELECT folded_to FROM m)
                  AND r.ended_at >= $2 AND r.ended_at <= $3 GROUP BY 1)
          SELECT g.m, COALESCE(f.created, 0) + COALESCE(c.n, 0) AS created,
                 COALESCE(f.finished, 0) + COALESCE(e.n, 0) AS finished
          FROM generate_series(date_trunc('minute', $2::timestamptz, 'UTC'),
                               date_trunc('minute', $3::timestamptz, 'UTC'),
                               interval '1 minute') AS g (m)
          LEFT JOIN f ON f.m = g.m LEFT JOIN c ON c.m = g.m LEFT JOIN e ON e.m = g.m
          ORDER BY g.m
          """;

  private final Pool pool;

  public PgRunActionRepository(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Optional<Run>> retry(UUID viewer, long runId, Instant now) {
    return pool.preparedQuery(RETRY_SELECTED)
        .execute(selected(viewer, RunSelection.of(List.of(runId)), 1, now))
        .map(rows -> Rows.first(rows, PgRunRepository::mapRun))
        .recover(SqlErrors::translate);
  }

  @Override
  public Future<BulkOutcome> retryAll(UUID viewer, RunSelection selection, Instant now, int cap) {
    return pool.preparedQuery(RETRY_SELECTED)
        .execute(selected(viewer, selection, cap, now))
        .map(
            rows -> {
              List<Long> created = new ArrayList<>();
              List<Long> from = new ArrayList<>();
              for (Row row : rows) {
                created.add(row.getLong("id"));
                from.add(row.getLong("retry_of"));
              }
              return outcome(selection, created, from, cap);
            })
        .recover(SqlErrors::translate);
  }

  @Override
  public Future<BulkOutcome> cancelAll(UUID viewer, RunSelection selection, Instant now, int cap) {
    return pool.preparedQuery(CANCEL_SELECTED)
        .execute(selected(viewer, selection, cap, now))
        .map(
            rows -> {
              List<Long> cancelled = ids(rows);
              cancelled.sort(null);
              return outcome(selection, cancelled, cancelled, cap);
            });
  }

  @Override
  public Future<QueueStats> stats(UUID viewer, Instant from, Instant to) {
    return pool.query(MARK)
        .execute()
        .compose(
            marks -> {
              OffsetDateTime mark = marks.iterator().next().getOffsetDateTime("folded_to");
              OffsetDateTime start = PgRunRepository.utc(from);
              Future<Map<RunStatus, Long>> counts =
                  pool.preparedQuery(COUNTS)
                      .execute(Tuple.of(viewer, mark))
                      .map(rows -> counts(rows.iterator().next()));
              Future<List<QueueStats.Minute>> minutes =
                  pool.preparedQuery(MINUTES)
                      .execute(
                          Tuple.of(
                              viewer,
                              start,
                              PgRunRepository.utc(to),
                              mark.isAfter(start) ? mark : start))
                      .map(
                          rows ->
                              Rows.all(
                                  rows,
                                  row ->
                                      new QueueStats.Minute(
                                          row.getOffsetDateTime("m")
                                              .withOffsetSameInstant(ZoneOffset.UTC),
                                          row.getLong("created"),
                                          row.getLong("finished"))));
              return Future.all(counts, minutes)
                  .map(done -> new QueueStats(counts.result(), minutes.result()));
            });
  }

  /** Per status; {@code new} is every run created that has not ended and is not running. */
  private static Map<RunStatus, Long> counts(Row row) {
    Map<RunStatus, Long> byStatus = new EnumMap<>(RunStatus.class);
    long ended = 0;
    for (RunStatus status :
        List.of(RunStatus.COMPLETE, RunStatus.ERROR, RunStatus.CANCEL, RunStatus.CANCEL_TOO_LONG)) {
      long n = row.getLong(status.code());
      byStatus.put(status, n);
      ended += n;
    }
    long inAction = row.getLong("in_action");
    long needRestart = row.getLong("need_restart");
    byStatus.put(RunStatus.IN_ACTION, inAction);
    byStatus.put(RunStatus.NEED_RESTART, needRestart);
    // never below zero, even if a run committed after a fold had passed its time (until the
    // rollup's next full recount takes it in)
    byStatus.put(
        RunStatus.NEW, Math.max(0, row.getLong("created") - ended - inAction - needRestart));
    return byStatus;
  }

  private static BulkOutcome outcome(
      RunSelection selection, List<Long> done, List<Long> touched, int cap) {
    List<Long> skipped = new ArrayList<>();
    if (selection.ids() != null) {
      Set<Long> hit = Set.copyOf(touched);
      for (Long id : new LinkedHashSet<>(selection.ids())) {
        if (!hit.contains(id)) {
          skipped.add(id);
        }
      }
    }
    return new BulkOutcome(done, touched, skipped, selection.ids() == null && done.size() >= cap);
  }

  private static List<Long> ids(RowSet<Row> rows) {
    List<Long> ids = new ArrayList<>();
    rows.forEach(row -> ids.add(row.getLong(0)));
    return ids;
  }

  private static Tuple selected(UUID viewer, RunSelection selection, int cap, Instant now) {
    RunFilter filter = selection.filter();
    Tuple tuple = Tuple.tuple().addValue(viewer);
    if (filter == null) {
      tuple
          .addValue(selection.ids().toArray(Long[]::new))
          .addValue(new String[0])
          .addValue(null)
          .addValue(null)
          .addValue(null)
          .addValue(null)
          .addValue(null);
    } else {
      tuple
          .addValue(null)
          .addValue(filter.statuses().stream().map(RunStatus::code).toArray(String[]::new))
          .addValue(filter.taskId())
          .addValue(filter.reportId())
          .addValue(filter.instance())
          .addValue(filter.createdFrom())
          .addValue(filter.createdTo());
    }
    return tuple
        .addValue(cap)
        .addValue(PgRunRepository.utc(now))
        .addValue(filter == null ? null : filter.job())
        .addValue(filter == null ? null : filter.trigger());
  }
}
