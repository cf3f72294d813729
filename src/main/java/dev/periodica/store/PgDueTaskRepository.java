package dev.periodica.store;

import dev.periodica.common.Messages;
import dev.periodica.run.MisfirePolicy;
import dev.periodica.run.OverlapPolicy;
import dev.periodica.run.Placement;
import dev.periodica.schedule.DueTask;
import dev.periodica.schedule.DueTaskRepository;
import dev.periodica.schedule.LiveInstance;
import dev.periodica.schedule.PlacedPlan;
import dev.periodica.schedule.PlacedRun;
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
import java.util.function.BiFunction;

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
             t.overlap, t.misfire, t.next_run_at, t.placement, t.instances, t.calendar,
             EXISTS (SELECT 1 FROM runs r WHERE r.task_id = t.id
                     AND r.status IN ('new', 'in_action', 'need_restart')) AS busy,
             CASE WHEN t.placement = 'each'
                  THEN ARRAY(SELECT DISTINCT r.pinned_instance FROM runs r WHERE r.task_id = t.id
                             AND r.status IN ('new', 'in_action', 'need_restart'))
                  ELSE '{}'::uuid[] END AS busy_on
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

  /** The live instances a placement chooses among: $1 heard from since. */
  private static final String LIVE =
      "SELECT id, name FROM instances WHERE heartbeat_at > $1 ORDER BY started_at, id";

  /**
   * The runs of the claimed (so locked) tasks, with the placement they were made under and, for
   * first and one_of, the list of instances that may claim them. An each task with an instances
   * list keeps only the runs of the instances it names (by id or lower-case name, as the claim and
   * housekeeping match lists): the planner places a run on every live instance, and this statement
   * drops the others, for every task of the batch at once.
   */
  private static final String INSERT_RUNS =
      """
      INSERT INTO runs (task_id, report_id, status, progress, trigger, scheduled_for, attempt,
                        pinned_instance, slot, placement, eligible, created_at, updated_at)
      SELECT f.task_id, f.report_id, 'new', 0, 'schedule', f.fire, 1, f.pinned, f.slot,
             t.placement, CASE WHEN t.placement IN ('first', 'one_of') THEN t.instances END,
             $6, $6
      FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[], $4::uuid[], $5::uuid[])
           AS f (task_id, report_id, fire, pinned, slot)
      JOIN report_tasks t ON t.id = f.task_id
      WHERE t.placement <> 'each' OR cardinality(t.instances) = 0
         OR EXISTS (SELECT 1 FROM instances i
                    WHERE i.id = f.slot
                      AND (i.id::text = ANY(t.instances) OR lower(i.name) = ANY(t.instances)))
      ON CONFLICT (task_id, scheduled_for, slot) DO NOTHING
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
      Instant now,
      int batch,
      Set<UUID> skip,
      Instant liveSince,
      BiFunction<DueTask, List<LiveInstance>, PlacedPlan> planner) {
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
                                rows -> {
                                  List<DueTask> due = Rows.all(rows, PgDueTaskRepository::map);
                                  return live(connection, due, liveSince)
                                      .compose(live -> fire(connection, due, live, planner, at));
                                })
                            .map(fired -> fired.withPausedNoAccess(paused.rowCount()))));
  }

  /** The live instances, read only when a due task places its runs by instance. */
  private static Future<List<LiveInstance>> live(
      SqlConnection connection, List<DueTask> due, Instant liveSince) {
    if (due.stream().allMatch(task -> task.placement() == Placement.ANY)) {
      return Future.succeededFuture(List.of());
    }
    return connection
        .preparedQuery(LIVE)
        .execute(Tuple.of(liveSince.atOffset(ZoneOffset.UTC)))
        .map(
            rows ->
                Rows.all(rows, row -> new LiveInstance(row.getUUID("id"), row.getString("name"))));
  }

  private static Future<Fired> fire(
      SqlConnection connection,
      List<DueTask> due,
      List<LiveInstance> live,
      BiFunction<DueTask, List<LiveInstance>, PlacedPlan> planner,
      OffsetDateTime now) {
    if (due.isEmpty()) {
      return Future.succeededFuture(new Fired(0, 0));
    }
    List<UUID> runTasks = new ArrayList<>();
    List<UUID> runReports = new ArrayList<>();
    List<OffsetDateTime> runTimes = new ArrayList<>();
    List<UUID> runPins = new ArrayList<>();
    List<UUID> runSlots = new ArrayList<>();
    Map<UUID, PlacedPlan> plans = new HashMap<>();
    for (DueTask task : due) {
      PlacedPlan plan = planner.apply(task, live);
      plans.put(task.id(), plan);
      for (PlacedRun run : plan.runs()) {
        runTasks.add(task.id());
        runReports.add(task.reportId());
        runTimes.add(run.fireTime().atOffset(ZoneOffset.UTC));
        runPins.add(run.pinned());
        runSlots.add(run.slot());
      }
    }
    Tuple runs =
        Tuple.of(
                runTasks.toArray(UUID[]::new),
                runReports.toArray(UUID[]::new),
                runTimes.toArray(OffsetDateTime[]::new),
                runPins.toArray(UUID[]::new),
                runSlots.toArray(UUID[]::new))
            .addValue(now);
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
      Map<UUID, PlacedPlan> plans,
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
        row.getBoolean("busy"),
        Placement.fromCode(row.getString("placement")).orElse(Placement.ANY),
        List.of(row.getArrayOfStrings("instances")),
        Set.copyOf(List.of(row.getArrayOfUUIDs("busy_on"))),
        Rows.jsonValue(row, "calendar"));
  }

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }
}
