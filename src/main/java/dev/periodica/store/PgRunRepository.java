package dev.periodica.store;

import dev.periodica.common.Messages;
import dev.periodica.run.ClaimedRun;
import dev.periodica.run.Outcome;
import dev.periodica.run.Placement;
import dev.periodica.run.Run;
import dev.periodica.run.RunFile;
import dev.periodica.run.RunRepository;
import dev.periodica.run.RunStatus;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The worker side of the run queue: claims, progress, outcomes, leases and timeouts. */
public final class PgRunRepository implements RunRepository {
  static final String RUN_COLUMNS =
      """
      r.id, r.task_id, r.report_id, r.status, r.progress, r.trigger, r.scheduled_for,
      r.created_at, r.started_at, r.ended_at, r.attempt, r.instance_id, r.pinned_instance,
      r.error, r.updated_at, r.file_name, r.file_path, r.file_size, r.content_type, r.checksum,
      r.placement, r.eligible, r.result, r.retry_of, r.attempts
      """;
  private static final ColumnPositions POSITIONS = new ColumnPositions(RUN_COLUMNS);

  /**
   * The attempt ending now ({@code at}, with {@code error}) appended to the run's earlier attempts
   * when it ends in need_restart ({@code status}); the next claim overwrites its instance and
   * start.
   */
  private static String earlierAttempts(String status, String at, String error) {
    return """
        CASE WHEN %1$s = 'need_restart' THEN COALESCE(r.attempts, '[]'::jsonb)
          || jsonb_build_array(jsonb_build_object('attempt', r.attempt, 'instance', r.instance_id,
               'started_at', r.started_at, 'ended_at', %2$s, 'error', left(%3$s, 1000)))
        ELSE r.attempts END"""
        .formatted(status, at, error);
  }

  private static final String CLAIM =
      """
      UPDATE runs r
      SET status = 'in_action', instance_id = $1, started_at = $2, lease_until = $3,
          updated_at = $2, ended_at = NULL, progress = 0, not_before = NULL,
          attempt = CASE WHEN r.status = 'need_restart' THEN r.attempt + 1 ELSE r.attempt END,
          version = r.version + 1
      FROM report_tasks t
      WHERE t.id = r.task_id
        AND r.id IN (SELECT q.id FROM runs q
                     WHERE q.status IN ('new', 'need_restart')
                       AND (q.not_before IS NULL OR q.not_before <= $2)
                       AND q.pinned_instance IN ($1, '00000000-0000-0000-0000-000000000000')
                       AND (q.eligible IS NULL OR q.pinned_instance = $1
                            OR $1::text = ANY(q.eligible)
                            OR (SELECT lower(i.name) FROM instances i WHERE i.id = $1)
                               = ANY(q.eligible))
                     ORDER BY q.id
                     LIMIT $4
                     FOR UPDATE SKIP LOCKED)
      RETURNING
      """
          + RUN_COLUMNS
          + ", r.version, t.job, t.params, t.max_attempts, t.timeout_seconds";

  /**
   * The progress of many runs of this instance ($1), each guarded by its version, in one statement;
   * answers the runs still this execution's. Rows are locked in id order first (as {@link
   * #FINISH_ALL} does), so two batches of the same runs cannot deadlock.
   */
  private static final String PROGRESS_ALL =
      """
      UPDATE runs r SET progress = u.progress, updated_at = $5
      FROM unnest($2::bigint[], $3::int[], $4::int[]) AS u (id, version, progress)
      WHERE r.id = u.id AND r.version = u.version AND r.status = 'in_action'
        AND r.instance_id = $1
      RETURNING r.id
      """;

  private static final String FINISH_ALL =
      """
      UPDATE runs r
      SET status = u.status, error = u.error, not_before = u.not_before, lease_until = NULL,
          updated_at = u.at, attempts = """
          + earlierAttempts("u.status", "u.at", "u.error")
          + """
      ,
          ended_at = CASE WHEN u.status = 'need_restart' THEN NULL ELSE u.at END,
          progress = CASE WHEN u.status = 'complete' THEN 100 ELSE r.progress END,
          version = r.version + 1
      FROM unnest($2::bigint[], $3::int[], $4::text[], $5::text[], $6::timestamptz[],
                  $7::timestamptz[]) AS u (id, version, status, error, not_before, at)
      WHERE r.id = u.id AND r.version = u.version AND r.status = 'in_action'
        AND r.instance_id = $1
      RETURNING r.id
      """;
  private static final String ATTACH =
      """
      UPDATE runs SET file_name = $4, file_path = $5, file_size = $6, content_type = $7,
                      checksum = $8
      WHERE id = $1 AND version = $2 AND instance_id = $3 AND status = 'in_action'
      """;
  private static final String RECORD_RESULT =
      """
      UPDATE runs SET result = $4
      WHERE id = $1 AND version = $2 AND instance_id = $3 AND status = 'in_action'
      """;

  /**
   * Never waits for a row lock, so it cannot close a deadlock cycle: it used to lock its runs one
   * by one and wait for one held by another statement (a finish, a cancel) that then wanted one it
   * held. A run whose row is busy keeps its lease until the next renewal, a third of a lease later;
   * the busy statement is usually ending the run anyway.
   */
  private static final String RENEW =
      """
      UPDATE runs r SET lease_until = $4
      WHERE r.id IN (SELECT q.id FROM runs q
                     JOIN unnest($2::bigint[], $3::int[]) AS u (id, version)
                       ON q.id = u.id AND q.version = u.version
                     WHERE q.instance_id = $1 AND q.status = 'in_action'
                     FOR UPDATE OF q SKIP LOCKED)
      """;

  private static final String EXPIRE =
      """
      UPDATE runs r
      SET status = CASE WHEN r.attempt >= t.max_attempts THEN 'error' ELSE 'need_restart' END,
          error = 'instance ' || r.instance_id || ' stopped responding (lease expired)',
          attempts = """
          + earlierAttempts(
              "CASE WHEN r.attempt >= t.max_attempts THEN 'error' ELSE 'need_restart' END",
              "$1",
              "'instance ' || r.instance_id || ' stopped responding (lease expired)'")
          + """
      ,
          ended_at = CASE WHEN r.attempt >= t.max_attempts THEN $1 END,
          not_before = $1, lease_until = NULL, updated_at = $1, version = r.version + 1
      FROM report_tasks t
      WHERE t.id = r.task_id
        AND r.id IN (SELECT q.id FROM runs q
                     WHERE q.status = 'in_action' AND q.lease_until < $1
                     ORDER BY q.id FOR UPDATE SKIP LOCKED)
      """;
  private static final String TIME_OUT =
      """
      UPDATE runs r
      SET status = 'cancel_too_long', error = 'took longer than ' || t.timeout_seconds || ' s',
          ended_at = $1, lease_until = NULL, updated_at = $1, version = r.version + 1
      FROM report_tasks t
      WHERE t.id = r.task_id
        AND r.id IN (SELECT q.id FROM runs q JOIN report_tasks qt ON qt.id = q.task_id
                     WHERE q.status = 'in_action'
                       AND q.started_at + make_interval(secs => qt.timeout_seconds) < $1
                     ORDER BY q.id FOR UPDATE OF q SKIP LOCKED)
      """;
  private static final String GIVE_UP_STRANDED =
      """
      UPDATE runs r
      SET status = 'error',
          error = 'instance ' || r.pinned_instance || ' has not been running for '
                  || $2::int || ' s; a run pinned to it cannot start elsewhere',
          ended_at = $1, not_before = NULL, lease_until = NULL, updated_at = $1,
          version = r.version + 1
      WHERE r.id IN (
        SELECT q.id FROM runs q
        LEFT JOIN instances i ON i.id = q.pinned_instance
        WHERE q.status IN ('new', 'need_restart')
          AND q.pinned_instance <> '00000000-0000-0000-0000-000000000000'
          AND q.placement <> 'first'
          AND q.updated_at < $1::timestamptz - make_interval(secs => $2::int)
          AND (i.id IS NULL OR i.heartbeat_at < $1::timestamptz - make_interval(secs => $2::int))
        ORDER BY q.id
        LIMIT 10000
        FOR UPDATE OF q SKIP LOCKED)
      """;

  /**
   * Listed runs (first, one_of) waiting unpinned while no instance of their list has been heard
   * from for the give-up time end {@code error}, naming the instances: $1 now, $2 seconds, $3 the
   * message to {@code format()}.
   */
  private static final String GIVE_UP_LISTED =
      """
      UPDATE runs r
      SET status = 'error', error = format($3, array_to_string(r.eligible, ', '), $2::int),
          ended_at = $1, not_before = NULL, lease_until = NULL, updated_at = $1,
          version = r.version + 1
      WHERE r.id IN (
        SELECT q.id FROM runs q
        WHERE q.status IN ('new', 'need_restart') AND q.eligible IS NOT NULL
          AND q.pinned_instance = '00000000-0000-0000-0000-000000000000'
          AND q.updated_at < $1::timestamptz - make_interval(secs => $2::int)
          AND NOT EXISTS (
            SELECT 1 FROM instances i
            WHERE (i.id::text = ANY(q.eligible) OR lower(i.name) = ANY(q.eligible))
              AND i.heartbeat_at >= $1::timestamptz - make_interval(secs => $2::int))
        ORDER BY q.id
        LIMIT 10000
        FOR UPDATE OF q SKIP LOCKED)
      """;

  /**
   * Waiting first runs pinned to an instance silent since $2 move to the first live instance of
   * their list, or wait unpinned for any of it when none is live: $1 now, $2 live since.
   */
  private static final String FAIL_OVER_FIRST =
      """
      UPDATE runs r
      SET pinned_instance = COALESCE("""
          + firstLiveListed("r.eligible", "$2")
          + """
      , '00000000-0000-0000-0000-000000000000'), updated_at = $1, version = r.version + 1
      WHERE r.id IN (
        SELECT q.id FROM runs q
        LEFT JOIN instances i ON i.id = q.pinned_instance
        WHERE q.status IN ('new', 'need_restart') AND q.eligible IS NOT NULL
          AND q.placement = 'first'
          AND q.pinned_instance <> '00000000-0000-0000-0000-000000000000'
          AND (i.id IS NULL OR i.heartbeat_at <= $2)
        ORDER BY q.id
        LIMIT 10000
        FOR UPDATE OF q SKIP LOCKED)
      """;

  private static final String RELEASE =
      """
      UPDATE runs r
      SET status = 'need_restart', error = 'released when its instance shut down',
          not_before = $3, lease_until = NULL, updated_at = $3, version = r.version + 1,
          attempts = """
          + earlierAttempts("'need_restart'", "$3", "'released when its instance shut down'")
          + """

      WHERE r.instance_id = $1 AND r.status = 'in_action' AND r.id = ANY($2::bigint[])
      """;

  private static final String DELETE_OLD =
      """
      DELETE FROM runs WHERE id IN (
        SELECT id FROM (
          SELECT id, created_at, status,
                 row_number() OVER (PARTITION BY task_id ORDER BY created_at DESC, id DESC) AS newest
          FROM runs) ranked
        WHERE status IN ('complete', 'cancel', 'error', 'cancel_too_long')
          AND (created_at < $1 OR newest > $2)
        LIMIT $3)
      """;

  private static final String TAKE_ORPHANS =
      """
      DELETE FROM orphan_files WHERE path IN (
        SELECT path FROM orphan_files ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED)
      RETURNING path
      """;

  private final Pool pool;

  public PgRunRepository(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<List<ClaimedRun>> claim(UUID instance, Instant now, Instant leaseUntil, int limit) {
    return pool.preparedQuery(CLAIM)
        .execute(Tuple.of(instance, utc(now), utc(leaseUntil), limit))
        .map(
            rows ->
                Rows.all(
                    rows,
                    row ->
                        new ClaimedRun(
                            mapRun(row),
                            row.getInteger("version"),
                            row.getString("job"),
                            Rows.json(row, "params"),
                            row.getInteger("max_attempts"),
                            row.getInteger("timeout_seconds"))));
  }

  @Override
  public Future<Set<Long>> progressAll(
      UUID instance, Map<Long, RunRepository.Progress> updates, Instant now) {
    Long[] ids = new java.util.TreeMap<>(updates).keySet().toArray(Long[]::new);
    Integer[] versions = new Integer[ids.length];
    Integer[] percents = new Integer[ids.length];
    for (int i = 0; i < ids.length; i++) {
      versions[i] = updates.get(ids[i]).version();
      percents[i] = updates.get(ids[i]).percent();
    }
    return pool.preparedQuery(PROGRESS_ALL)
        .execute(Tuple.of(instance, ids, versions, percents, utc(now)))
        .map(
            rows -> {
              Set<Long> ours = new HashSet<>();
              rows.forEach(row -> ours.add(row.getLong("id")));
              return ours;
            });
  }

  @Override
  public Future<Set<Long>> finishAll(UUID instance, List<Outcome> outcomes) {
    // in id order, so concurrent batches lock rows in the same order and cannot deadlock
    List<Outcome> sorted =
        outcomes.stream().sorted(java.util.Comparator.comparingLong(Outcome::runId)).toList();
    int size = sorted.size();
    Long[] ids = new Long[size];
    Integer[] versions = new Integer[size];
    String[] statuses = new String[size];
    String[] errors = new String[size];
    OffsetDateTime[] notBefore = new OffsetDateTime[size];
    OffsetDateTime[] at = new OffsetDateTime[size];
    for (int i = 0; i < size; i++) {
      Outcome outcome = sorted.get(i);
      ids[i] = outcome.runId();
      versions[i] = outcome.version();
      statuses[i] = outcome.status().code();
      errors[i] = outcome.error();
      notBefore[i] = outcome.notBefore() == null ? null : utc(outcome.notBefore());
      at[i] = utc(outcome.at());
    }
    return pool.preparedQuery(FINISH_ALL)
        .execute(Tuple.of(instance, ids, versions, statuses, errors, notBefore).addValue(at))
        .map(
            rows -> {
              Set<Long> finished = new HashSet<>();
              rows.forEach(row -> finished.add(row.getLong("id")));
              return finished;
            });
  }

  @Override
  public Future<Boolean> attachFile(long runId, int version, UUID instance, RunFile file) {
    Tuple row =
        Tuple.of(runId, version, instance, file.name(), file.path())
            .addValue(file.size())
            .addValue(file.contentType())
            .addValue(file.sha256());
    return pool.preparedQuery(ATTACH).execute(row).map(rows -> rows.rowCount() > 0);
  }

  @Override
  public Future<Boolean> recordResult(
      long runId, int version, UUID instance, io.vertx.core.json.JsonObject result) {
    return pool.preparedQuery(RECORD_RESULT)
        .execute(Tuple.of(runId, version, instance, result))
        .map(rows -> rows.rowCount() > 0);
  }

  @Override
  public Future<Integer> renewLeases(
      UUID instance, Map<Long, Integer> versions, Instant leaseUntil) {
    Long[] ids = new java.util.TreeMap<>(versions).keySet().toArray(Long[]::new);
    Integer[] rowVersions = java.util.Arrays.stream(ids).map(versions::get).toArray(Integer[]::new);
    return pool.preparedQuery(RENEW)
        .execute(Tuple.of(instance, ids, rowVersions, utc(leaseUntil)))
        .map(rows -> rows.rowCount());
  }

  @Override
  public Future<Integer> expireLeases(Instant now) {
    return pool.preparedQuery(EXPIRE).execute(Tuple.of(utc(now))).map(rows -> rows.rowCount());
  }

  @Override
  public Future<Integer> timeOut(Instant now) {
    return pool.preparedQuery(TIME_OUT).execute(Tuple.of(utc(now))).map(rows -> rows.rowCount());
  }

  @Override
  public Future<Integer> giveUpStranded(Instant now, java.time.Duration giveUp) {
    return pool.preparedQuery(GIVE_UP_STRANDED)
        .execute(Tuple.of(utc(now), (int) giveUp.toSeconds()))
        .map(rows -> rows.rowCount());
  }

  @Override
  public Future<Integer> giveUpListed(Instant now, java.time.Duration giveUp) {
    return pool.preparedQuery(GIVE_UP_LISTED)
        .execute(Tuple.of(utc(now), (int) giveUp.toSeconds(), Messages.LISTED_INSTANCES_GONE))
        .map(rows -> rows.rowCount());
  }

  @Override
  public Future<Integer> failOverFirst(Instant now, Instant liveSince) {
    return pool.preparedQuery(FAIL_OVER_FIRST)
        .execute(Tuple.of(utc(now), utc(liveSince)))
        .map(rows -> rows.rowCount());
  }

  /**
   * The first instance of the list {@code eligible} (ids or lower-case names, in order) whose
   * heartbeat is newer than the parameter {@code liveSince}; a name several instances share stands
   * for them in the order they started. Null when none is live.
   */
  static String firstLiveListed(String eligible, String liveSince) {
    return """
        (SELECT i.id FROM unnest(%s) WITH ORDINALITY AS e (entry, n)
         JOIN instances i ON i.id::text = e.entry OR lower(i.name) = e.entry
         WHERE i.heartbeat_at > %s
         ORDER BY e.n, i.started_at, i.id
         LIMIT 1)"""
        .formatted(eligible, liveSince);
  }

  @Override
  public Future<Integer> deleteOld(Instant olderThan, int keepPerTask, int limit) {
    return pool.preparedQuery(DELETE_OLD)
        .execute(Tuple.of(utc(olderThan), keepPerTask, limit))
        .map(rows -> rows.rowCount());
  }

  @Override
  public Future<List<String>> takeOrphanFiles(int limit) {
    return pool.preparedQuery(TAKE_ORPHANS)
        .execute(Tuple.of(limit))
        .map(rows -> Rows.all(rows, row -> row.getString("path")));
  }

  @Override
  public Future<Integer> release(UUID instance, Collection<Long> runIds, Instant now) {
    return pool.preparedQuery(RELEASE)
        .execute(Tuple.of(instance, runIds.toArray(Long[]::new), utc(now)))
        .map(rows -> rows.rowCount());
  }

  /** A run, read by position when the row holds {@link #RUN_COLUMNS} (else by name). */
  static Run mapRun(Row row) {
    ColumnPositions.At c = POSITIONS.in(row);
    return new Run(
        row.getLong(c.of("id")),
        row.getUUID(c.of("task_id")),
        row.getUUID(c.of("report_id")),
        RunStatus.fromCode(row.getString(c.of("status"))).orElseThrow(),
        row.getInteger(c.of("progress")),
        row.getString(c.of("trigger")),
        row.getOffsetDateTime(c.of("scheduled_for")),
        row.getOffsetDateTime(c.of("created_at")),
        row.getOffsetDateTime(c.of("started_at")),
        row.getOffsetDateTime(c.of("ended_at")),
        row.getInteger(c.of("attempt")),
        row.getUUID(c.of("instance_id")),
        row.getUUID(c.of("pinned_instance")),
        row.getString(c.of("error")),
        row.getOffsetDateTime(c.of("updated_at")),
        row.getString(c.of("file_name")) == null
            ? null
            : new RunFile(
                row.getString(c.of("file_name")),
                row.getString(c.of("file_path")),
                row.getLong(c.of("file_size")),
                row.getString(c.of("content_type")),
                row.getString(c.of("checksum"))),
        Placement.fromCode(row.getString(c.of("placement"))).orElseThrow(),
        row.getArrayOfStrings(c.of("eligible")) == null
            ? null
            : List.of(row.getArrayOfStrings(c.of("eligible"))),
        Rows.jsonOrNull(row, c.of("result")),
        // statements that return their own column list may leave these out
        c.of("retry_of") >= 0 ? row.getLong(c.of("retry_of")) : null,
        c.of("attempts") >= 0 && row.getValue(c.of("attempts")) instanceof JsonArray list
            ? list
            : new JsonArray());
  }

  static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
