package dev.periodica.store;

import dev.periodica.common.Messages;
import dev.periodica.run.MisfirePolicy;
import dev.periodica.run.OverlapPolicy;
import dev.periodica.schedule.DueTask;
import dev.periodica.schedule.DueTaskRepository;
import dev.periodica.schedule.FirePlan;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The scheduler's transaction: claim due tasks (skipping those another instance holds), insert
 * their runs in one statement and advance them in another; a notification tells every instance's
 * workers that runs are waiting, delivered when the transaction commits.
 */
public final class PgDueTaskRepository implements DueTaskRepository {
  public static final String RUNS_CHANNEL = "periodica_runs";
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(PgDueTaskRepository.class);
  private static final String CLAIM_DUE =
      """
      SELECT t.id, t.report_id, t.instance, t.interval, t.timezone, t.start_at, t.stop_at,
             t.overlap, t.misfire, t.next_run_at,
             EXISTS (SELECT 1 FROM runs r WHERE r.task_id = t.id
                     AND r.status IN ('new', 'in_action', 'need_restart')) AS busy
      FROM report_tasks t
      WHERE t.enabled AND t.next_run_at <= $1 AND t.id <> ALL($3::uuid[])
      ORDER BY t.next_run_at
      LIMIT $2
      FOR UPDATE OF t SKIP LOCKED
      """;

  /**
   * Due tasks whose owner can no longer see the report (it was unshared, a group lost them) stop
   * firing: disabled with the reason shown, so the report's owner sees why and decides. A task
   * without a report (its job needs none) has no report to lose: the join leaves it out. $1 now, $2
   * how many at most, $3 the reason.
   */
  private static final String PAUSE_ORPHANED =
      """
      UPDATE report_tasks t SET enabled = false, paused_reason = $3, updated_at = $1
      WHERE t.id IN (
        SELECT d.id FROM report_tasks d JOIN reports r ON r.id = d.report_id
        WHERE d.enabled AND d.next_run_at <= $1
          AND NOT (r.is_system OR """
          + PgReportRepository.sharedWith("d.owner_id")
          + """
      )
        ORDER BY d.next_run_at
        LIMIT $2
        FOR UPDATE OF d SKIP LOCKED)
      RETURNING t.id, t.owner_id, t.report_id
      """;

  private static final String INSERT_RUNS =
      """
      INSERT INTO runs (task_id, report_id, status, progress, trigger, scheduled_for, attempt,
                        pinned_instance, created_at, updated_at)
      SELECT f.task_id, f.report_id, 'new', 0, 'schedule', f.fire, 1, f.pinned, $5, $5
      FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[], $4::uuid[])
           AS f (task_id, report_id, fire, pinned)
      ON CONFLICT (task_id, scheduled_for) DO NOTHING
      RETURNING task_id, scheduled_for
      """;
  private static final String ADVANCE_TASKS =
      """
      UPDATE report_tasks t
      SET next_run_at = u.next_run,
          last_run_at = COALESCE(u.last_run, t.last_run_at),
          run_count = t.run_count + u.created,
          paused_reason = COALESCE(u.paused_reason, t.paused_reason)
      FROM unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[], $4::int[], $5::text[])
           AS u (id, next_run, last_run, created, paused_reason)
      WHERE t.id = u.id
      """;
  private static final String NOTIFY = "SELECT pg_notify('" + RUNS_CHANNEL + "', '')";

  private final Pool pool;

  public PgDueTaskRepository(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Fired> fireDue(
      Instant now, int batch, Set<UUID> skip, Function<DueTask, FirePlan> planner) {
    OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
    return pool.withTransaction(
        connection ->
            connection
                .preparedQuery(PAUSE_ORPHANED)
                .execute(Tuple.of(at, batch, Messages.OWNER_CANNOT_SEE_REPORT))
                .onSuccess(PgDueTaskRepository::logPaused)
                .compose(
                    paused ->
                        connection
                            .preparedQuery(CLAIM_DUE)
                            .execute(Tuple.of(at, batch, Rows.array(skip)))
                            .compose(
                                rows ->
                                    fire(
                                        connection,
                                        Rows.all(rows, PgDueTaskRepository::map),
                                        planner,
                                        at))
                            .map(fired -> fired.withPausedNoAccess(paused.rowCount()))));
  }

  private static Future<Fired> fire(
      SqlConnection connection,
      List<DueTask> due,
      Function<DueTask, FirePlan> planner,
      OffsetDateTime now) {
    if (due.isEmpty()) {
      return Future.succeededFuture(new Fired(0, 0));
    }
    List<UUID> runTasks = new ArrayList<>();
    List<UUID> runReports = new ArrayList<>();
    List<OffsetDateTime> runTimes = new ArrayList<>();
    List<UUID> runPins = new ArrayList<>();
    Map<UUID, FirePlan> plans = new HashMap<>();
    for (DueTask task : due) {
      FirePlan plan = planner.apply(task);
      plans.put(task.id(), plan);
      for (Instant fire : plan.fireTimes()) {
        runTasks.add(task.id());
        runReports.add(task.reportId());
        runTimes.add(fire.atOffset(ZoneOffset.UTC));
        runPins.add(task.instance());
      }
    }
    Tuple runs =
        Tuple.of(
            runTasks.toArray(UUID[]::new),
            runReports.toArray(UUID[]::new),
            runTimes.toArray(OffsetDateTime[]::new),
            runPins.toArray(UUID[]::new),
            now);
    Future<RowSet<Row>> inserted =
        runTasks.isEmpty()
            ? Future.succeededFuture(null)
            : connection.preparedQuery(INSERT_RUNS).execute(runs);
    return inserted.compose(
        rows -> {
          Map<UUID, Integer> created = new HashMap<>();
          Map<UUID, OffsetDateTime> latest = new HashMap<>();
          if (rows != null) {
            for (Row row : rows) {
              UUID task = row.getUUID("task_id");
              created.merge(task, 1, Integer::sum);
              latest.merge(task, row.getOffsetDateTime("scheduled_for"), PgDueTaskRepository::max);
            }
          }
          int count = created.values().stream().mapToInt(Integer::intValue).sum();
          return advance(connection, due, plans, created, latest)
              .compose(
                  ok -> count > 0 ? connection.query(NOTIFY).execute() : Future.succeededFuture())
              .map(ok -> new Fired(due.size(), count));
        });
  }

  private static Future<RowSet<Row>> advance(
      SqlConnection connection,
      List<DueTask> due,
      Map<UUID, FirePlan> plans,
      Map<UUID, Integer> created,
      Map<UUID, OffsetDateTime> latest) {
    UUID[] ids = new UUID[due.size()];
    OffsetDateTime[] next = new OffsetDateTime[due.size()];
    OffsetDateTime[] last = new OffsetDateTime[due.size()];
    Integer[] counts = new Integer[due.size()];
    String[] paused = new String[due.size()];
    for (int i = 0; i < due.size(); i++) {
      UUID id = due.get(i).id();
      Instant nextRun = plans.get(id).nextRunAt();
      ids[i] = id;
      next[i] = nextRun == null ? null : nextRun.atOffset(ZoneOffset.UTC);
      last[i] = latest.get(id);
      counts[i] = created.getOrDefault(id, 0);
      paused[i] = plans.get(id).pausedReason();
    }
    return connection
        .preparedQuery(ADVANCE_TASKS)
        .execute(Tuple.of(ids, next, last, counts, paused));
  }

  private static void logPaused(RowSet<Row> paused) {
    for (Row row : paused) {
      LOG.warn(
          "task {} paused: its owner {} can no longer see report {}; the report's owner may"
              + " delete it, or share the report again and resume it",
          row.getUUID("id"),
          row.getUUID("owner_id"),
          row.getUUID("report_id"));
    }
  }

  private static OffsetDateTime max(OffsetDateTime a, OffsetDateTime b) {
    return a.isAfter(b) ? a : b;
  }

  private static DueTask map(Row row) {
    return new DueTask(
        row.getUUID("id"),
        row.getUUID("report_id"),
        row.getUUID("instance"),
        row.getString("interval"),
        row.getString("timezone"),
        instant(row.getOffsetDateTime("start_at")),
        instant(row.getOffsetDateTime("stop_at")),
        OverlapPolicy.fromCode(row.getString("overlap")).orElse(OverlapPolicy.SKIP),
        MisfirePolicy.fromCode(row.getString("misfire")).orElse(MisfirePolicy.ONCE),
        row.getOffsetDateTime("next_run_at").toInstant(),
        row.getBoolean("busy"));
  }

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }
}
