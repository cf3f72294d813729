package dev.periodica.store;

import dev.periodica.access.Caller;
import dev.periodica.common.Messages;
import dev.periodica.common.Page;
import dev.periodica.common.PageRequest;
import dev.periodica.common.Timestamps;
import dev.periodica.run.MisfirePolicy;
import dev.periodica.run.OverlapPolicy;
import dev.periodica.run.Placement;
import dev.periodica.task.GeneratedTask;
import dev.periodica.task.ReportTask;
import dev.periodica.task.ReportTaskRepository;
import dev.periodica.task.TaskDraft;
import dev.periodica.task.TaskOrigin;
import dev.periodica.task.TaskPlacement;
import dev.periodica.task.TaskPlanner;
import dev.periodica.task.TaskQuery;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Tasks. A task of a report is visible to whoever owns or shares its report, one without a report
 * to its owner alone; a report always points at its latest task, kept right in the transaction that
 * adds or removes one.
 */
public final class PgReportTaskRepository extends PgVisibleRepository<ReportTask, TaskDraft>
    implements ReportTaskRepository {
  /**
   * The caller ($1) sees the task {@code t}: its report is shared with them now (whoever created
   * the task), or it is a system report and the task is theirs. Losing the report loses its tasks.
   * A task without a report (its job needs none) is seen by its owner alone.
   */
  static final String VISIBLE_TO_$1 =
      "((t.report_id IS NULL AND t.owner_id = $1)"
          + " OR EXISTS (SELECT 1 FROM reports r WHERE r.id = t.report_id AND ("
          + PgReportRepository.SHARED_WITH_$1
          + " OR (r.is_system AND t.owner_id = $1))))";

  /**
   * {@link #VISIBLE_TO_$1} for lists: the same rows, as a condition on the task's own columns that
   * the indexes on {@code report_id} and {@code owner_id} answer, with no subquery per row. Its
   * report is one the caller owns or shares ({@link PgReportRepository#OWNED_OR_SHARED_IDS_OF_$1},
   * the reports {@link PgReportRepository#SHARED_WITH_$1} accepts: a task's report and a share's
   * report exist, by their foreign keys), or the task is theirs and has no report or a system
   * report. The exact check per row that this replaced read the task's report again for each row (a
   * list of 60 tasks spent more on it than on anything else).
   *
   * <p>The caller is compared as {@code (SELECT $1::uuid)}, a value the planner cannot see into:
   * compared as {@code $1}, a custom plan estimated the caller's own tasks from their id and came
   * out cheaper than the generic plan, so a prepared list was planned again at every execution (0.5
   * to 1 ms, more than running it, docs/benchmarks.md "Sitting 6"). Now both plans estimate alike
   * and the statement settles on its generic plan.
   */
  static final String LISTED_FOR_$1 =
      "(t.report_id = ANY("
          + PgReportRepository.OWNED_OR_SHARED_IDS_OF_$1
          + ") OR (t.owner_id = (SELECT $1::uuid) AND (t.report_id IS NULL"
          + " OR EXISTS (SELECT 1 FROM reports s WHERE s.id = t.report_id AND s.is_system))))";

  /** A task's columns (read by position: {@link #POSITIONS}). */
  static final String COLUMNS =
      """
      SELECT t.id, t.owner_id, t.report_id, t.interval, t.instance, t.job, t.params, t.timezone,
             t.enabled, t.start_at, t.stop_at, t.overlap, t.misfire, t.max_attempts, t.calendar,
             t.timeout_seconds, t.next_run_at, t.last_run_at, t.run_count, t.created_at,
             t.updated_at, t.paused_reason, t.placement, t.instances, t.number, t.name,
             t.origin, t.attributes, t.paused_by, t.paused_at
      """;

  private static final ColumnPositions POSITIONS = new ColumnPositions(COLUMNS);

  private static final String FILTER =
      """
       FROM report_tasks t
      WHERE ($2::text IS NULL OR lower(t.interval) LIKE $2)
        AND ($3::uuid IS NULL OR t.report_id = $3)
        AND ($4::text IS NULL OR lower(t.name) LIKE $4)
        AND ($5::text IS NULL OR t.job = $5)
        AND ($6::boolean IS NULL OR t.enabled = $6)
        AND """
          + LISTED_FOR_$1;

  /**
   * One statement, so one round trip and no transaction: the owner's user row, the task, and its
   * report pointed at it as its latest task. The foreign keys are checked at the end of the
   * statement, when the user row exists.
   */
  private static final String INSERT =
      """
      WITH owner AS (
        INSERT INTO users (id, created_at, updated_at) VALUES ($3, $17, $17)
        ON CONFLICT (id) DO NOTHING),
      task AS (
        INSERT INTO report_tasks (id, report_id, owner_id, interval, instance, job, params,
          timezone, enabled, start_at, stop_at, overlap, misfire, max_attempts, timeout_seconds,
          next_run_at, created_at, updated_at, placement, instances, calendar, name, origin,
          attributes)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17,
                $18, $19, $20::text::jsonb, $21, $22, $23)
        RETURNING number),
      latest AS (
        UPDATE reports SET task_id = $1, updated_at = $17 WHERE id = $2)
      SELECT number FROM task
      """;

  private static final String POINT_REPORT_AT_LATEST_TASK =
      """
      UPDATE reports r SET updated_at = $2,
        task_id = (SELECT t.id FROM report_tasks t WHERE t.report_id = r.id
                   ORDER BY t.created_at DESC, t.id DESC LIMIT 1)
      WHERE r.id = $1
      """;
  private static final String UPDATE =
      """
      UPDATE report_tasks t SET interval = $4, instance = $5, job = $6, params = $7,
        timezone = $8, enabled = $9, start_at = $10, stop_at = $11, overlap = $12,
        misfire = $13, max_attempts = $14, timeout_seconds = $15, updated_at = $17,
        placement = $19, instances = $20, calendar = $21::text::jsonb, name = $22,
        attributes = $23,
        next_run_at = CASE
          WHEN (t.interval, t.timezone, t.start_at, t.stop_at, t.enabled, t.calendar)
               IS DISTINCT FROM ($4, $8, $10, $11, $9, $21::text::jsonb)
          THEN $16 ELSE t.next_run_at END,
        paused_reason = CASE
          WHEN $9 AND NOT t.enabled THEN NULL
          WHEN t.paused_reason = $18 AND $16::timestamptz IS NOT NULL
               AND (t.interval, t.timezone, t.start_at, t.stop_at, t.enabled, t.calendar)
                   IS DISTINCT FROM ($4, $8, $10, $11, $9, $21::text::jsonb)
          THEN NULL ELSE t.paused_reason END
      WHERE t.id = $2 AND t.updated_at = $3 AND """
          + VISIBLE_TO_$1;

  /** $1 caller, $2 id: the task's owner or its report's owner, while the caller sees the task. */
  private static final String DELETE =
      """
      DELETE FROM report_tasks t
      WHERE t.id = $2
        AND (t.owner_id = $1
             OR EXISTS (SELECT 1 FROM reports r WHERE r.id = t.report_id AND r.owner_id = $1))
        AND """
          + VISIBLE_TO_$1
          + " RETURNING t.report_id";

  /** $1 caller, $2 number. */
  private static final String FIND_BY_NUMBER =
      COLUMNS + " FROM report_tasks t WHERE t.number = $2 AND " + VISIBLE_TO_$1;

  /**
   * $1 caller, $2 bk_biz_id, $3 limit, $4 offset: the bk-sops facade's listing, on the partial
   * index {@code report_tasks_sops_biz_idx} (V16).
   */
  private static final String LIST_SOPS =
      COLUMNS
          + """
           FROM report_tasks t
          WHERE t.origin = 'sops' AND (t.attributes ->> 'bk_biz_id') = $2 AND """
          + LISTED_FOR_$1
          + " ORDER BY t.number DESC LIMIT $3 OFFSET $4";

  private static final Queries QUERIES =
      new Queries(
          COLUMNS + " FROM report_tasks t WHERE t.id = $2 AND " + VISIBLE_TO_$1,
          COLUMNS + " FROM report_tasks t WHERE t.id = $1",
          COLUMNS + FILTER + " ORDER BY %s LIMIT $7 OFFSET $8",
          "SELECT count(*)" + FILTER,
          DELETE,
          Map.of(
              "interval", "t.interval",
              "created_at", "t.created_at",
              "updated_at", "t.updated_at",
              "next_run_at", "t.next_run_at"),
          "t.id");

  /** The SQL of each field a facade's list filters and sorts on ({@link TaskQuery.Field}). */
  private static final Map<TaskQuery.Field, String> QUERY_FIELDS =
      Map.ofEntries(
          Map.entry(TaskQuery.Field.ID, "t.id"),
          Map.entry(TaskQuery.Field.NAME, "t.name"),
          Map.entry(TaskQuery.Field.ENABLED, "t.enabled"),
          Map.entry(TaskQuery.Field.REPEATING, "(lower(t.interval) NOT LIKE '@at%')"),
          Map.entry(
              TaskQuery.Field.INTERVAL_SECONDS,
              """
              (CASE WHEN lower(t.interval) ~ '^@every\\s+[0-9]{1,9}\\s*[smhd]$'
                THEN substring(lower(t.interval) from '([0-9]+)')::bigint
                     * CASE substring(lower(t.interval) from '([smhd])$')
                         WHEN 's' THEN 1 WHEN 'm' THEN 60 WHEN 'h' THEN 3600 ELSE 86400 END
              END)"""),
          Map.entry(TaskQuery.Field.OVERLAP, "t.overlap"),
          Map.entry(TaskQuery.Field.PLACEMENT, "t.placement"),
          Map.entry(TaskQuery.Field.START_AT, "t.start_at"),
          Map.entry(TaskQuery.Field.STOP_AT, "t.stop_at"),
          Map.entry(
              TaskQuery.Field.CALENDAR_KIND,
              """
              (CASE WHEN t.calendar IS NULL OR jsonb_typeof(t.calendar) = 'null' THEN 'all'
                    WHEN jsonb_typeof(t.calendar) = 'string' THEN t.calendar #>> '{}'
                    ELSE 'custom' END)"""),
          Map.entry(TaskQuery.Field.CREATED_AT, "t.created_at"),
          Map.entry(TaskQuery.Field.UPDATED_AT, "t.updated_at"));

  /** The array type each field's values are bound as. */
  private static final Map<TaskQuery.Field, String> QUERY_TYPES =
      Map.ofEntries(
          Map.entry(TaskQuery.Field.ID, "uuid[]"),
          Map.entry(TaskQuery.Field.NAME, "text[]"),
          Map.entry(TaskQuery.Field.ENABLED, "boolean[]"),
          Map.entry(TaskQuery.Field.REPEATING, "boolean[]"),
          Map.entry(TaskQuery.Field.INTERVAL_SECONDS, "bigint[]"),
          Map.entry(TaskQuery.Field.OVERLAP, "text[]"),
          Map.entry(TaskQuery.Field.PLACEMENT, "text[]"),
          Map.entry(TaskQuery.Field.START_AT, "timestamptz[]"),
          Map.entry(TaskQuery.Field.STOP_AT, "timestamptz[]"),
          Map.entry(TaskQuery.Field.CALENDAR_KIND, "text[]"),
          Map.entry(TaskQuery.Field.CREATED_AT, "timestamptz[]"),
          Map.entry(TaskQuery.Field.UPDATED_AT, "timestamptz[]"));

  /** $1 caller, $2 origin, $3 name pattern or null; for the lists of the facades. */
  private static final String ORIGIN_FILTER =
      """
       FROM report_tasks t
      WHERE t.origin = $2
        AND ($3::text IS NULL OR lower(t.name) LIKE $3)
        AND """
          + LISTED_FOR_$1;

  private static final String LIST_OF_ORIGIN =
      COLUMNS + ORIGIN_FILTER + " ORDER BY %s LIMIT $4 OFFSET $5";
  private static final String COUNT_OF_ORIGIN = "SELECT count(*)" + ORIGIN_FILTER;
  private static final String FIND_OF_ORIGIN =
      COLUMNS
          + " FROM report_tasks t WHERE t.origin = $2 AND t.id = ANY($3::uuid[]) AND "
          + VISIBLE_TO_$1
          + " ORDER BY t.id";
  private static final Map<String, String> SORTABLE_OF_ORIGIN =
      Map.of(
          "name", "lower(t.name)",
          "created_at", "t.created_at",
          "updated_at", "t.updated_at",
          "last_run_at", "COALESCE(t.last_run_at, '-infinity')",
          "run_count", "t.run_count",
          "enabled", "t.enabled");

  private final Clock clock;
  private final TaskPlanner planner;

  public PgReportTaskRepository(Pool pool, Clock clock, TaskPlanner planner) {
    super(pool, QUERIES, PgReportTaskRepository::mapRow);
    this.clock = clock;
    this.planner = planner;
  }

  /** $4 name prefix pattern ({@code name}), $5 job kind ({@code job}), $6 {@code enabled}. */
  @Override
  protected List<Object> filterArgs(PageRequest page) {
    String enabled = page.filters().get("enabled");
    return java.util.Arrays.asList(
        Listing.prefixPattern(page.filters().get("name")),
        page.filters().get("job"),
        enabled == null ? null : Boolean.valueOf(enabled));
  }

  @Override
  public Future<ReportTask> insert(Caller caller, UUID id, TaskDraft draft, OffsetDateTime now) {
    return insert(caller, id, draft, now, planner.firstFire(draft, now.toInstant()));
  }

  @Override
  public Future<ReportTask> insert(
      Caller caller,
      UUID id,
      TaskDraft draft,
      OffsetDateTime now,
      Optional<java.time.Instant> firstFire) {
    Tuple row = insertRow(caller, id, draft, now, utc(firstFire));
    return pool.preparedQuery(INSERT)
        .execute(row)
        .map(rows -> inserted(rows, caller, id, draft, row, now))
        .recover(SqlErrors::translate);
  }

  /**
   * The task and its run in one transaction. A generated task is placed {@code any}, so the run's
   * placement needs no live instances ($4 is only read for {@code first}).
   */
  @Override
  public Future<GeneratedTask> insertFired(
      Caller caller, UUID id, TaskDraft draft, OffsetDateTime now) {
    Tuple row = insertRow(caller, id, draft, now, nextRun(draft, now));
    return pool.withTransaction(
            connection ->
                connection
                    .preparedQuery(INSERT)
                    .execute(row)
                    .map(rows -> inserted(rows, caller, id, draft, row, now))
                    .compose(
                        task ->
                            connection
                                .preparedQuery(PgRunQueueRepository.MANUAL)
                                .execute(Tuple.of(caller.userId(), id, now, now))
                                .map(
                                    rows ->
                                        new GeneratedTask(
                                            task,
                                            Rows.first(rows, PgRunRepository::mapRun)
                                                .orElseThrow(
                                                    () ->
                                                        new IllegalStateException(
                                                            "a generated task is not visible to"
                                                                + " its owner"))))))
        .recover(SqlErrors::translate);
  }

  private Tuple insertRow(
      Caller caller, UUID id, TaskDraft draft, OffsetDateTime now, OffsetDateTime nextRun) {
    Tuple fields =
        Tuple.of(id, draft.reportId(), caller.userId(), draft.interval(), draft.instance())
            .addValue(draft.job())
            .addValue(draft.params())
            .addValue(draft.timezone())
            .addValue(draft.enabled());
    return placement(policies(fields, draft).addValue(nextRun).addValue(now), draft)
        .addValue(calendarText(draft))
        .addValue(draft.name())
        .addValue(draft.origin().code())
        .addValue(draft.attributes());
  }

  private static ReportTask inserted(
      io.vertx.sqlclient.RowSet<Row> rows,
      Caller caller,
      UUID id,
      TaskDraft draft,
      Tuple row,
      OffsetDateTime now) {
    long number = rows.iterator().next().getLong("number");
    return new ReportTask(
        id, number, caller.userId(), draft, row.getOffsetDateTime(15), null, 0, now, now, null);
  }

  @Override
  public Future<Optional<ReportTask>> update(
      Caller caller, UUID id, TaskDraft draft, OffsetDateTime expected, OffsetDateTime now) {
    Tuple fields =
        Tuple.of(caller.userId(), id, expected, draft.interval(), draft.instance())
            .addValue(draft.job())
            .addValue(draft.params())
            .addValue(draft.timezone())
            .addValue(draft.enabled());
    Tuple row =
        placement(
                policies(fields, draft)
                    .addValue(nextRun(draft, now))
                    .addValue(now)
                    .addValue(Messages.PAUSED_SCHEDULE),
                draft)
            .addValue(calendarText(draft))
            .addValue(draft.name())
            .addValue(draft.attributes());
    return pool.preparedQuery(UPDATE)
        .execute(row)
        .compose(
            rows ->
                rows.rowCount() == 0
                    ? Future.succeededFuture(Optional.<ReportTask>empty())
                    : findById(id))
        .recover(SqlErrors::translate);
  }

  @Override
  public Future<Boolean> delete(Caller caller, UUID id) {
    return pool.withTransaction(
            connection ->
                connection
                    .preparedQuery(DELETE)
                    .execute(Tuple.of(caller.userId(), id))
                    .compose(
                        rows -> {
                          if (rows.rowCount() == 0) {
                            return Future.succeededFuture(false);
                          }
                          UUID reportId = rows.iterator().next().getUUID("report_id");
                          return pointReportAtLatestTask(
                                  connection, reportId, Timestamps.now(clock))
                              .map(true);
                        }))
        .recover(SqlErrors::translate);
  }

  @Override
  public Future<Optional<ReportTask>> findVisibleByNumber(Caller caller, long number) {
    return pool.preparedQuery(FIND_BY_NUMBER)
        .execute(Tuple.of(caller.userId(), number))
        .map(rows -> Rows.first(rows, PgReportTaskRepository::mapRow));
  }

  @Override
  public Future<List<ReportTask>> listSops(Caller caller, String bizId, int limit, int offset) {
    return pool.preparedQuery(LIST_SOPS)
        .execute(Tuple.of(caller.userId(), bizId, limit, offset))
        .map(rows -> Rows.all(rows, PgReportTaskRepository::mapRow));
  }

  /**
   * $1 caller, $2 origin, then each condition's values (and an attribute's key) and each order's
   * attribute key, then limit and offset: every value a bind parameter, the SQL built only from the
   * fixed expressions of {@link #QUERY_FIELDS}.
   */
  @Override
  public Future<List<ReportTask>> query(Caller caller, TaskQuery query) {
    Tuple params = Tuple.of(caller.userId(), query.origin().code());
    StringBuilder sql =
        new StringBuilder(COLUMNS)
            .append(" FROM report_tasks t WHERE t.origin = $2 AND ")
            .append(LISTED_FOR_$1);
    for (TaskQuery.Condition condition : query.conditions()) {
      if (condition.field() == TaskQuery.Field.ATTRIBUTE) {
        params.addValue(condition.attribute());
        int key = params.size();
        params.addValue(new io.vertx.core.json.JsonArray(condition.values()).encode());
        sql.append(" AND $")
            .append(params.size())
            .append("::text::jsonb @> jsonb_build_array(t.attributes -> $")
            .append(key)
            .append("::text)");
      } else {
        params.addValue(condition.values().toArray(arrayOf(condition.field())));
        sql.append(" AND ")
            .append(QUERY_FIELDS.get(condition.field()))
            .append(" = ANY($")
            .append(params.size())
            .append("::")
            .append(QUERY_TYPES.get(condition.field()))
            .append(")");
      }
    }
    java.util.StringJoiner order = new java.util.StringJoiner(", ", " ORDER BY ", "");
    for (TaskQuery.Order key : query.order()) {
      String expression;
      if (key.field() == TaskQuery.Field.ATTRIBUTE) {
        params.addValue(key.attribute());
        expression = "(t.attributes -> $" + params.size() + "::text)";
      } else {
        expression = QUERY_FIELDS.get(key.field());
      }
      order.add(expression + (key.descending() ? " DESC NULLS LAST" : " ASC NULLS FIRST"));
    }
    order.add("t.created_at ASC").add("t.id ASC");
    sql.append(order);
    params.addValue(query.limit()).addValue(query.offset());
    sql.append(" LIMIT $").append(params.size() - 1).append(" OFFSET $").append(params.size());
    return pool.preparedQuery(sql.toString())
        .execute(params)
        .map(
            rows ->
                java.util.stream.StreamSupport.stream(rows.spliterator(), false)
                    .map(PgReportTaskRepository::mapRow)
                    .toList())
        .recover(SqlErrors::translate);
  }

  /** A typed array for the bind parameter of {@code field}'s values. */
  private static Object[] arrayOf(TaskQuery.Field field) {
    return switch (field) {
      case ID -> new UUID[0];
      case ENABLED, REPEATING -> new Boolean[0];
      case INTERVAL_SECONDS -> new Long[0];
      case START_AT, STOP_AT, CREATED_AT, UPDATED_AT -> new OffsetDateTime[0];
      default -> new String[0];
    };
  }

  @Override
  public Future<Page<ReportTask>> listOfOrigin(Caller caller, TaskOrigin origin, PageRequest page) {
    String pattern = Listing.prefixPattern(page.namePrefix());
    String sql = LIST_OF_ORIGIN.formatted(Listing.orderBy(page, SORTABLE_OF_ORIGIN, "t.id"));
    Future<List<ReportTask>> items =
        pool.preparedQuery(sql)
            .execute(Tuple.of(caller.userId(), origin.code(), pattern, page.limit(), page.offset()))
            .map(rows -> Rows.all(rows, PgReportTaskRepository::mapRow));
    Future<Long> total =
        pool.preparedQuery(COUNT_OF_ORIGIN)
            .execute(Tuple.of(caller.userId(), origin.code(), pattern))
            .map(rows -> rows.iterator().next().getLong(0));
    return Future.all(items, total)
        .map(done -> new Page<>(items.result(), total.result(), page.limit(), page.offset()));
  }

  @Override
  public Future<List<ReportTask>> findOfOrigin(
      Caller caller, TaskOrigin origin, Collection<UUID> ids) {
    return pool.preparedQuery(FIND_OF_ORIGIN)
        .execute(Tuple.of(caller.userId(), origin.code(), Rows.array(ids)))
        .map(rows -> Rows.all(rows, PgReportTaskRepository::mapRow));
  }

  /** The calendar as JSON text, cast to jsonb in SQL; null when the task has none. */
  private static String calendarText(TaskDraft draft) {
    return draft.calendar() == null ? null : io.vertx.core.json.Json.encode(draft.calendar());
  }

  /** Nothing to point for a task without a report. */
  private static Future<?> pointReportAtLatestTask(
      io.vertx.sqlclient.SqlConnection connection, UUID reportId, OffsetDateTime now) {
    return reportId == null
        ? Future.succeededFuture()
        : connection.preparedQuery(POINT_REPORT_AT_LATEST_TASK).execute(Tuple.of(reportId, now));
  }

  private static Tuple policies(Tuple row, TaskDraft draft) {
    return row.addValue(draft.startAt())
        .addValue(draft.stopAt())
        .addValue(draft.overlap().code())
        .addValue(draft.misfire().code())
        .addValue(draft.maxAttempts())
        .addValue(draft.timeoutSeconds());
  }

  private static Tuple placement(Tuple row, TaskDraft draft) {
    return row.addValue(draft.placement().placement().code())
        .addValue(draft.placement().instances().toArray(String[]::new));
  }

  /** Stored with the task so the scheduler finds due tasks by index, without parsing. */
  private OffsetDateTime nextRun(TaskDraft draft, OffsetDateTime now) {
    return utc(planner.firstFire(draft, now.toInstant()));
  }

  private static OffsetDateTime utc(Optional<java.time.Instant> fire) {
    return fire.map(next -> next.atOffset(ZoneOffset.UTC)).orElse(null);
  }

  /** A task whose {@link #COLUMNS} start at the row's first {@code id}, read by position. */
  static ReportTask mapRow(Row row) {
    return mapRow(row, POSITIONS.in(row));
  }

  /** A task whose {@link #COLUMNS} start at position {@code from} of {@code row}. */
  static ReportTask mapRow(Row row, int from) {
    return mapRow(row, POSITIONS.from(from));
  }

  /** How many columns {@link #COLUMNS} makes. */
  static int width() {
    return POSITIONS.size();
  }

  private static ReportTask mapRow(Row row, ColumnPositions.At c) {
    return new ReportTask(
        row.getUUID(c.of("id")),
        row.getLong(c.of("number")),
        row.getUUID(c.of("owner_id")),
        TaskDraft.defaults()
            .interval(row.getString(c.of("interval")))
            .instance(row.getUUID(c.of("instance")))
            .reportId(row.getUUID(c.of("report_id")))
            .job(row.getString(c.of("job")))
            .params(Rows.json(row, c.of("params")))
            .timezone(row.getString(c.of("timezone")))
            .enabled(row.getBoolean(c.of("enabled")))
            .startAt(row.getOffsetDateTime(c.of("start_at")))
            .stopAt(row.getOffsetDateTime(c.of("stop_at")))
            .overlap(OverlapPolicy.fromCode(row.getString(c.of("overlap"))).orElseThrow())
            .misfire(MisfirePolicy.fromCode(row.getString(c.of("misfire"))).orElseThrow())
            .maxAttempts(row.getInteger(c.of("max_attempts")))
            .timeoutSeconds(row.getInteger(c.of("timeout_seconds")))
            .placement(
                new TaskPlacement(
                    Placement.fromCode(row.getString(c.of("placement"))).orElseThrow(),
                    List.of(row.getArrayOfStrings(c.of("instances")))))
            .calendar(Rows.jsonValue(row, c.of("calendar")))
            .name(row.getString(c.of("name")))
            .origin(TaskOrigin.fromCode(row.getString(c.of("origin"))).orElseThrow())
            .attributes(Rows.json(row, c.of("attributes")))
            .build(),
        row.getOffsetDateTime(c.of("next_run_at")),
        row.getOffsetDateTime(c.of("last_run_at")),
        row.getLong(c.of("run_count")),
        row.getOffsetDateTime(c.of("created_at")),
        row.getOffsetDateTime(c.of("updated_at")),
        row.getString(c.of("paused_reason")),
        // a statement returning its own columns (read by name) may leave these out
        c.of("paused_by") < 0 ? null : row.getUUID(c.of("paused_by")),
        c.of("paused_at") < 0 ? null : row.getOffsetDateTime(c.of("paused_at")));
  }
}
