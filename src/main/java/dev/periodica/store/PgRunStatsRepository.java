package dev.periodica.store;

import dev.periodica.run.RunStatsRepository;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;

/**
 * The rollup behind the queue statistics (V22): runs created and ended before {@code folded_to},
 * per task, and per task and minute for the last hour. A fold is one transaction holding the state
 * row, so folds, recounts and the delete trigger (which locks the same row) take turns.
 */
public final class PgRunStatsRepository implements RunStatsRepository {
  /** How many minutes before the mark the per-minute rows are kept (the chart shows an hour). */
  static final Duration MINUTES_KEPT = Duration.ofMinutes(61);

  private static final String LOCK_NOWAIT = "55P03";

  private static final String LOCK_STATE =
      "SELECT folded_to, recounted_at FROM run_stats_state FOR UPDATE NOWAIT";

  /** $1 from, $2 to: runs created in the range, and runs ended in it per final status. */
  private static final String FOLD_TOTALS =
      """
      INSERT INTO run_stats_totals AS s (task_id, created, complete, error, cancel, cancel_too_long)
      SELECT d.task_id, sum(d.created), sum(d.complete), sum(d.error), sum(d.cancel),
             sum(d.cancel_too_long)
      FROM (SELECT r.task_id, 1 AS created, 0 AS complete, 0 AS error, 0 AS cancel,
                   0 AS cancel_too_long
            FROM runs r WHERE r.created_at >= $1 AND r.created_at < $2
            UNION ALL
            SELECT r.task_id, 0, (r.status = 'complete')::int, (r.status = 'error')::int,
                   (r.status = 'cancel')::int, (r.status = 'cancel_too_long')::int
            FROM runs r WHERE r.ended_at >= $1 AND r.ended_at < $2) d
      GROUP BY d.task_id
      ORDER BY d.task_id
      ON CONFLICT (task_id) DO UPDATE
      SET created = s.created + EXCLUDED.created, complete = s.complete + EXCLUDED.complete,
          error = s.error + EXCLUDED.error, cancel = s.cancel + EXCLUDED.cancel,
          cancel_too_long = s.cancel_too_long + EXCLUDED.cancel_too_long
      """;

  /** $1 from, $2 to: runs created and runs ended per task and minute in the range. */
  private static final String FOLD_MINUTES =
      """
      INSERT INTO run_stats_minutes AS s (task_id, minute, created, finished)
      SELECT d.task_id, d.minute, sum(d.created), sum(d.finished)
      FROM (SELECT r.task_id, date_trunc('minute', r.created_at, 'UTC') AS minute, 1 AS created,
                   0 AS finished
            FROM runs r WHERE r.created_at >= $1 AND r.created_at < $2
            UNION ALL
            SELECT r.task_id, date_trunc('minute', r.ended_at, 'UTC'), 0, 1
            FROM runs r WHERE r.ended_at >= $1 AND r.ended_at < $2) d
      GROUP BY d.task_id, d.minute
      ORDER BY d.task_id, d.minute
      ON CONFLICT (task_id, minute) DO UPDATE
      SET created = s.created + EXCLUDED.created, finished = s.finished + EXCLUDED.finished
      """;

  /** $1 to: every run's part, counted from the whole queue. */
  private static final String RECOUNT_TOTALS =
      """
      INSERT INTO run_stats_totals (task_id, created, complete, error, cancel, cancel_too_long)
      SELECT r.task_id, count(*) FILTER (WHERE r.created_at < $1),
             count(*) FILTER (WHERE r.ended_at < $1 AND r.status = 'complete'),
             count(*) FILTER (WHERE r.ended_at < $1 AND r.status = 'error'),
             count(*) FILTER (WHERE r.ended_at < $1 AND r.status = 'cancel'),
             count(*) FILTER (WHERE r.ended_at < $1 AND r.status = 'cancel_too_long')
      FROM runs r
      GROUP BY r.task_id
      """;

  private static final String CLEAR_TOTALS = "DELETE FROM run_stats_totals";
  private static final String CLEAR_MINUTES = "DELETE FROM run_stats_minutes";

  /** $1 the oldest minute kept. */
  private static final String PURGE_MINUTES = "DELETE FROM run_stats_minutes WHERE minute < $1";

  /** Rows of tasks deleted since (their runs went with them). */
  private static final String DROP_GONE_TASKS =
      """
      WITH gone AS (
        DELETE FROM run_stats_totals s
        WHERE NOT EXISTS (SELECT 1 FROM report_tasks t WHERE t.id = s.task_id)
        RETURNING s.task_id)
      DELETE FROM run_stats_minutes m WHERE m.task_id IN (SELECT task_id FROM gone)
      """;

  private static final String MOVE_MARK = "UPDATE run_stats_state SET folded_to = $1";
  private static final String MARK_RECOUNTED =
      "UPDATE run_stats_state SET folded_to = $1, recounted_at = $2";

  private final Pool pool;

  public PgRunStatsRepository(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Fold> fold(Instant to, Instant recountIfBefore, Instant now) {
    return pool.withTransaction(
            connection ->
                connection
                    .query(LOCK_STATE)
                    .execute()
                    .compose(
                        rows -> {
                          Row state = rows.iterator().next();
                          OffsetDateTime folded = state.getOffsetDateTime("folded_to");
                          OffsetDateTime recounted = state.getOffsetDateTime("recounted_at");
                          OffsetDateTime target = PgRunRepository.utc(to);
                          if (recounted.isBefore(PgRunRepository.utc(recountIfBefore))) {
                            // the mark never moves back (a request bounds its index scans by an
                            // earlier mark): an instance whose clock is behind recounts to it
                            return recount(
                                connection,
                                target.isBefore(folded) ? folded : target,
                                PgRunRepository.utc(now));
                          }
                          if (!target.isAfter(folded)) {
                            return Future.succeededFuture(Fold.UNCHANGED);
                          }
                          return foldRange(connection, folded, target);
                        }))
        .recover(
            failure ->
                failure instanceof PgException pg && LOCK_NOWAIT.equals(pg.getSqlState())
                    ? Future.succeededFuture(Fold.BUSY)
                    : Future.failedFuture(failure));
  }

  private static Future<Fold> foldRange(
      SqlConnection connection, OffsetDateTime from, OffsetDateTime to) {
    OffsetDateTime horizon = horizon(to);
    OffsetDateTime minutesFrom = from.isBefore(horizon) ? horizon : from;
    return connection
        .preparedQuery(FOLD_TOTALS)
        .execute(Tuple.of(from, to))
        .compose(done -> connection.preparedQuery(FOLD_MINUTES).execute(Tuple.of(minutesFrom, to)))
        .compose(done -> connection.preparedQuery(PURGE_MINUTES).execute(Tuple.of(horizon)))
        .compose(done -> connection.query(DROP_GONE_TASKS).execute())
        .compose(done -> connection.preparedQuery(MOVE_MARK).execute(Tuple.of(to)))
        .map(Fold.FOLDED);
  }

  private static Future<Fold> recount(
      SqlConnection connection, OffsetDateTime to, OffsetDateTime now) {
    return connection
        .query(CLEAR_TOTALS)
        .execute()
        .compose(done -> connection.query(CLEAR_MINUTES).execute())
        .compose(done -> connection.preparedQuery(RECOUNT_TOTALS).execute(Tuple.of(to)))
        .compose(done -> connection.preparedQuery(FOLD_MINUTES).execute(Tuple.of(horizon(to), to)))
        .compose(done -> connection.preparedQuery(MARK_RECOUNTED).execute(Tuple.of(to, now)))
        .map(Fold.RECOUNTED);
  }

  /** The oldest minute the chart can still ask for once the mark is at {@code to}. */
  private static OffsetDateTime horizon(OffsetDateTime to) {
    return to.truncatedTo(ChronoUnit.MINUTES).minus(MINUTES_KEPT);
  }
}
