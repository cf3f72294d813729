package dev.periodica.store;

import dev.periodica.common.Page;
import dev.periodica.common.PageRequest;
import dev.periodica.run.NumberedRun;
import dev.periodica.run.Run;
import dev.periodica.run.RunFilter;
import dev.periodica.run.RunQueueRepository;
import dev.periodica.run.RunStatus;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The run queue as callers see it: runs of the tasks they see. */
public final class PgRunQueueRepository implements RunQueueRepository {
  private static final String RUN_VISIBLE_TO_$1 =
      "(EXISTS (SELECT 1 FROM report_tasks t WHERE t.id = r.task_id AND "
          + PgReportTaskRepository.VISIBLE_TO_$1
          + "))";
  private static final String FILTER =
      """
       FROM runs r
      WHERE (cardinality($2::text[]) = 0 OR r.status = ANY($2::text[]))
        AND ($3::uuid IS NULL OR r.task_id = $3)
        AND ($4::uuid IS NULL OR r.report_id = $4)
        AND ($5::uuid IS NULL OR r.instance_id = $5)
        AND ($6::timestamptz IS NULL OR r.created_at >= $6)
        AND ($7::timestamptz IS NULL OR r.created_at < $7)
        AND ($8::text IS NULL
             OR EXISTS (SELECT 1 FROM report_tasks tj WHERE tj.id = r.task_id AND tj.job = $8))
        AND ($9::text IS NULL OR r.trigger = $9)
        AND """
          + RUN_VISIBLE_TO_$1;
  private static final String LIST =
      "SELECT " + PgRunRepository.RUN_COLUMNS + FILTER + " ORDER BY %s LIMIT $10 OFFSET $11";
  private static final String COUNT = "SELECT count(*)" + FILTER;

  /**
   * The most tasks a caller may see for the newest-first list ({@link #LIST_NEWEST_HEAD}) to read
   * their runs task by task: at most this many tasks times the statuses asked for, each an index
   * probe for {@code offset + limit} runs (5 ms for a first page at 100 tasks, docs/benchmarks.md).
   * A caller who sees more gets {@link #LIST}'s plan.
   */
  static final int FEW_TASKS = 100;

  /** The tasks whose runs the newest-first list reads: $1's, the filters on tasks applied. */
  private static final String LISTED_TASKS =
      """
      SELECT t.id FROM report_tasks t
      WHERE ($3::uuid IS NULL OR t.id = $3) AND ($8::text IS NULL OR t.job = $8) AND """
          + PgReportTaskRepository.LISTED_FOR_$1;

  /**
   * {@link #LIST} in its default order, newest first ($12: the statuses asked for, or all of them),
   * with {@link #probeFilters} between its head and its tail. {@link #LIST}'s plan walks the
   * primary key backwards checking each run's task, or sorts every run of the caller's tasks;
   * either reads a million runs for a caller with a hundred runs beside a caller with a million
   * (0.6 s, and 2 s at 100 tasks, docs/benchmarks.md). A caller with few tasks instead gets, per
   * task and status, the newest {@code offset + limit} runs from {@code runs_task_status_id_idx}
   * (V24), merged and cut to the page: the same rows, since every run of the page is among its task
   * and status's newest {@code offset + limit}. The task's key is matched with {@code =
   * ANY(ARRAY[t.id])}, not {@code =}, on purpose: an equality would make it a constant of the
   * ordering, so that the primary key could order the probe too, and a generic plan that expects a
   * task to hold a tenth of the table walks the primary key again. The one-time filters on the
   * count run exactly one of the two.
   */
  private static final String LIST_NEWEST_HEAD =
      "WITH listed AS (SELECT count(*) AS n FROM ("
          + LISTED_TASKS
          + " LIMIT "
          + (FEW_TASKS + 1)
          + ") v)\nSELECT * FROM (SELECT * FROM (SELECT "
          + PgRunRepository.RUN_COLUMNS
          + " FROM ("
          + LISTED_TASKS
          + """
          ) t
            CROSS JOIN (SELECT DISTINCT unnest($12::text[]) AS status) s
            CROSS JOIN LATERAL (
              SELECT * FROM runs r
              WHERE r.task_id = ANY(ARRAY[t.id]) AND r.status = s.status""";

  private static final String LIST_NEWEST_TAIL =
      """

              ORDER BY r.task_id DESC, r.id DESC
              LIMIT $10::bigint + $11) r
          ORDER BY r.id DESC LIMIT $10 OFFSET $11) few_tasks
          WHERE (SELECT n FROM listed) <= """
          + FEW_TASKS
          + "\nUNION ALL\nSELECT * FROM ("
          + LIST.formatted("r.id DESC")
          + ") many_tasks WHERE (SELECT n FROM listed) > "
          + FEW_TASKS
          + ") r ORDER BY r.id DESC";

  /** The matches counted up to $10 rows: stops reading once it has that many. */
  private static final String COUNT_UP_TO =
      "SELECT count(*) FROM (SELECT 1" + FILTER + " LIMIT $10) counted";

  private static final String FIND =
      "SELECT "
          + PgRunRepository.RUN_COLUMNS
          + " FROM runs r WHERE r.id = $2 AND "
          + RUN_VISIBLE_TO_$1;
  private static final String CANCEL =
      """
      UPDATE runs r
      SET status = 'cancel', ended_at = $3, lease_until = NULL, updated_at = $3,
          error = 'cancelled by user ' || $1, version = r.version + 1
      WHERE r.id = $2 AND r.status IN ('new', 'in_action', 'need_restart') AND """
          + RUN_VISIBLE_TO_$1
          + " RETURNING "
          + PgRunRepository.RUN_COLUMNS;

  /**
   * A run now, placed as the task says, except that an {@code each} task runs once, on any
   * instance: $1 caller, $2 task, $3 now, $4 instances heard from since then are live.
   */
  static final String MANUAL =
      """
      WITH created AS (
        INSERT INTO runs (task_id, report_id, status, progress, trigger, scheduled_for, attempt,
                          pinned_instance, placement, eligible, created_at, updated_at)
        SELECT t.id, t.report_id, 'new', 0, 'manual', $3, 1,
               CASE WHEN t.placement = 'first'
                    THEN COALESCE("""
          + PgRunRepository.firstLiveListed("t.instances", "$4")
          + """
      , '00000000-0000-0000-0000-000000000000')
                    ELSE t.instance END,
               CASE WHEN t.placement = 'each' THEN 'any' ELSE t.placement END,
               CASE WHEN t.placement IN ('first', 'one_of') THEN t.instances END,
               $3, $3
        FROM report_tasks t
        WHERE t.id = $2 AND """
          + PgReportTaskRepository.VISIBLE_TO_$1
          + """
        RETURNING *)
      SELECT r.*, pg_notify('periodica_runs', '') AS notified
      FROM created r
      """;

  private static final String SET_ENABLED =
      """
      UPDATE report_tasks t
      SET enabled = $3, updated_at = $4,
          paused_reason = CASE WHEN $3 THEN NULL WHEN $5::text IS NOT NULL THEN $5
                               ELSE t.paused_reason END,
          paused_by = CASE WHEN $3 THEN NULL WHEN t.enabled OR $5::text IS NOT NULL THEN $1
                           ELSE t.paused_by END,
          paused_at = CASE WHEN $3 THEN NULL WHEN t.enabled OR $5::text IS NOT NULL THEN $4
                           ELSE t.paused_at END,
          next_run_at = CASE WHEN $3 AND NOT t.enabled THEN 'epoch'::timestamptz
                             ELSE t.next_run_at END
      WHERE t.id = ANY($2::uuid[]) AND """
          + PgReportTaskRepository.VISIBLE_TO_$1
          + " RETURNING t.id";
  private static final String FIND_MANY =
      "SELECT "
          + PgRunRepository.RUN_COLUMNS
          + " FROM runs r WHERE r.id = ANY($2::bigint[]) AND "
          + RUN_VISIBLE_TO_$1
          + " ORDER BY r.id";
  private static final String VISIBLE_TASKS =
      "SELECT t.id FROM report_tasks t WHERE t.id = ANY($2::uuid[]) AND "
          + PgReportTaskRepository.VISIBLE_TO_$1;
  private static final String OF_TASKS =
      "SELECT "
          + PgRunRepository.RUN_COLUMNS
          + """
           FROM runs r
          WHERE r.task_id = ANY($2::uuid[]) AND r.status = ANY($3::text[]) AND """
          + RUN_VISIBLE_TO_$1
          + " ORDER BY r.id DESC LIMIT $4";
  private static final Map<String, String> SORTABLE =
      Map.of(
          "created_at", "r.created_at",
          "scheduled_for", "r.scheduled_for",
          "started_at", "r.started_at",
          "ended_at", "r.ended_at",
          "status", "r.status",
          "progress", "r.progress");

  /**
   * $1 viewer, $2 task, $3 statuses or null: the task's runs numbered in creation order, shifted by
   * the scheduled runs the task counted that are no longer kept (retention removes the oldest).
   */
  private static final String HISTORY_FILTER =
      """
       FROM (SELECT r.*,
                    row_number() OVER (ORDER BY r.id)
                      + GREATEST(0, t.run_count
                                    - count(*) FILTER (WHERE r.trigger = 'schedule') OVER ())
                      AS run_number
             FROM runs r JOIN report_tasks t ON t.id = r.task_id
             WHERE r.task_id = $2 AND """
          + PgReportTaskRepository.VISIBLE_TO_$1
          + """
      ) r
      WHERE ($3::text[] IS NULL OR r.status = ANY($3::text[]))
      """;

  private static final String HISTORY =
      "SELECT "
          + PgRunRepository.RUN_COLUMNS
          + ", r.run_number "
          + HISTORY_FILTER
          + " ORDER BY %s LIMIT $4 OFFSET $5";
  private static final String HISTORY_COUNT = "SELECT count(*) " + HISTORY_FILTER;
  private static final Map<String, String> HISTORY_SORTABLE =
      Map.of(
          "number", "r.run_number",
          "created_at", "r.created_at",
          "status", "r.status",
          "outcome",
              "CASE WHEN r.status = 'complete' THEN 2"
                  + " WHEN r.status IN ('new', 'in_action', 'need_restart') THEN 1 ELSE 0 END",
          "took", "COALESCE(r.ended_at - r.started_at, interval '0')");

  private final Pool pool;
  private final java.time.Duration instanceDeadAfter;

  /** {@code instanceDeadAfter}: the heartbeat silence after which an instance is not live. */
  public PgRunQueueRepository(Pool pool, java.time.Duration instanceDeadAfter) {
    this.pool = pool;
    this.instanceDeadAfter = instanceDeadAfter;
  }

  @Override
  public Future<Page<Run>> list(UUID viewer, RunFilter filter, PageRequest page, int countUpTo) {
    String[] statuses = filter.statuses().stream().map(RunStatus::code).toArray(String[]::new);
    Tuple where =
        Tuple.of(viewer, statuses, filter.taskId(), filter.reportId(), filter.instance())
            .addValue(filter.createdFrom())
            .addValue(filter.createdTo())
            .addValue(filter.job())
            .addValue(filter.trigger());
    Tuple listed = copy(where).addValue(page.limit()).addValue(page.offset());
    String sql;
    if (page.sort().isEmpty()) {
      sql = LIST_NEWEST_HEAD + probeFilters(filter) + LIST_NEWEST_TAIL;
      listed.addValue(
          (statuses.length > 0 ? filter.statuses().stream() : Arrays.stream(RunStatus.values()))
              .map(RunStatus::code)
              .toArray(String[]::new));
    } else {
      sql = LIST.formatted(Listing.orderBy(page, SORTABLE, "r.id"));
    }
    Future<List<Run>> items =
        pool.preparedQuery(sql)
            .execute(listed)
            .map(rows -> Rows.all(rows, PgRunRepository::mapRun));
    Future<Long> total;
    if (countUpTo == 0 && page.offset() == 0) {
      // "is there any?" is what the first page itself says (a page holds one run at least):
      // a live-progress snapshot, or a caller who wants no count, costs one statement, not two
      total = items.map(found -> (long) Math.min(found.size(), 1));
    } else {
      total =
          (countUpTo == COUNT_ALL
                  ? pool.preparedQuery(COUNT).execute(where)
                  : pool.preparedQuery(COUNT_UP_TO).execute(copy(where).addValue(countUpTo + 1L)))
              .map(rows -> rows.iterator().next().getLong(0));
    }
    return Future.all(items, total)
        .map(done -> new Page<>(items.result(), total.result(), page.limit(), page.offset()));
  }

  @Override
  public Future<Optional<Run>> find(UUID viewer, long runId) {
    return pool.preparedQuery(FIND)
        .execute(Tuple.of(viewer, runId))
        .map(rows -> Rows.first(rows, PgRunRepository::mapRun));
  }

  @Override
  public Future<Optional<Run>> cancel(UUID viewer, long runId, Instant now) {
    return pool.preparedQuery(CANCEL)
        .execute(Tuple.of(viewer, runId, PgRunRepository.utc(now)))
        .map(rows -> Rows.first(rows, PgRunRepository::mapRun));
  }

  @Override
  public Future<Optional<Run>> createManual(UUID viewer, UUID taskId, Instant now) {
    return pool.preparedQuery(MANUAL)
        .execute(
            Tuple.of(
                viewer,
                taskId,
                PgRunRepository.utc(now),
                PgRunRepository.utc(now.minus(instanceDeadAfter))))
        .map(rows -> Rows.first(rows, PgRunRepository::mapRun))
        .recover(SqlErrors::translate);
  }

  @Override
  public Future<List<UUID>> setEnabled(
      UUID viewer, Collection<UUID> taskIds, boolean enabled, String reason, Instant now) {
    return pool.preparedQuery(SET_ENABLED)
        .execute(Tuple.of(viewer, Rows.array(taskIds), enabled, PgRunRepository.utc(now), reason))
        .map(rows -> Rows.all(rows, row -> row.getUUID("id")));
  }

  @Override
  public Future<List<Run>> findVisible(UUID viewer, Collection<Long> runIds) {
    return pool.preparedQuery(FIND_MANY)
        .execute(Tuple.tuple().addValue(viewer).addValue(runIds.toArray(Long[]::new)))
        .map(rows -> Rows.all(rows, PgRunRepository::mapRun));
  }

  @Override
  public Future<Set<UUID>> visibleTasks(UUID viewer, Collection<UUID> taskIds) {
    return pool.preparedQuery(VISIBLE_TASKS)
        .execute(Tuple.tuple().addValue(viewer).addValue(Rows.array(taskIds)))
        .map(rows -> Set.copyOf(Rows.all(rows, row -> row.getUUID("id"))));
  }

  @Override
  public Future<List<Run>> ofTasks(
      UUID viewer, Collection<UUID> taskIds, Collection<RunStatus> statuses, int limit) {
    String[] codes = statuses.stream().map(RunStatus::code).toArray(String[]::new);
    return pool.preparedQuery(OF_TASKS)
        .execute(Tuple.of(viewer, Rows.array(taskIds), codes, limit))
        .map(rows -> Rows.all(rows, PgRunRepository::mapRun));
  }

  @Override
  public Future<Page<NumberedRun>> history(
      UUID viewer, UUID taskId, Collection<RunStatus> statuses, PageRequest page) {
    String[] codes =
        statuses == null ? null : statuses.stream().map(RunStatus::code).toArray(String[]::new);
    String order =
        page.sort().isEmpty() ? "r.id DESC" : Listing.orderBy(page, HISTORY_SORTABLE, "r.id");
    Future<List<NumberedRun>> items =
        pool.preparedQuery(HISTORY.formatted(order))
            .execute(Tuple.of(viewer, taskId, codes, page.limit(), page.offset()))
            .map(
                rows ->
                    Rows.all(
                        rows,
                        row ->
                            new NumberedRun(
                                PgRunRepository.mapRun(row), row.getLong("run_number"))));
    Future<Long> total =
        pool.preparedQuery(HISTORY_COUNT)
            .execute(Tuple.of(viewer, taskId, codes))
            .map(rows -> rows.iterator().next().getLong(0));
    return Future.all(items, total)
        .map(done -> new Page<>(items.result(), total.result(), page.limit(), page.offset()));
  }

  /**
   * The filters on runs that each probe of the newest-first list applies: a filter given is a
   * condition; a filter not given, a test that its parameter is null. That test is a one-time
   * filter, which PostgreSQL leaves out of its row estimates, where {@link #LIST}'s {@code ($4 IS
   * NULL OR …)} conditions count even when every one is null: they made a generic plan expect one
   * run per task and status, and read every run of each instead of the newest few in order (3 s at
   * 100 tasks of 10,000 runs). At most 32 statements, one for each set of filters given.
   */
  private static String probeFilters(RunFilter filter) {
    return given(filter.reportId(), "$4::uuid", "r.report_id = $4::uuid")
        + given(filter.instance(), "$5::uuid", "r.instance_id = $5::uuid")
        + given(filter.createdFrom(), "$6::timestamptz", "r.created_at >= $6::timestamptz")
        + given(filter.createdTo(), "$7::timestamptz", "r.created_at < $7::timestamptz")
        + given(filter.trigger(), "$9::text", "r.trigger = $9::text");
  }

  private static String given(Object value, String parameter, String condition) {
    return "\n        AND " + (value == null ? parameter + " IS NULL" : condition);
  }

  private static Tuple copy(Tuple tuple) {
    Tuple copy = Tuple.tuple();
    for (int i = 0; i < tuple.size(); i++) {
      copy.addValue(tuple.getValue(i));
    }
    return copy;
  }
}
