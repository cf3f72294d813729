package dev.periodica.store;

import dev.periodica.task.QueueEntry;
import dev.periodica.task.QueueListing;
import dev.periodica.task.QueueQuery;
import dev.periodica.task.QueueQuery.Condition;
import dev.periodica.task.QueueQuery.Field;
import dev.periodica.task.QueueQuery.Op;
import dev.periodica.task.QueueQuery.Subject;
import dev.periodica.task.QueueRepository;
import dev.periodica.task.TaskEntry;
import dev.periodica.task.TaskOrigin;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The facades' filtered listings of runs ({@code q}) and tasks ({@code t}) with their reports
 * ({@code rep}): a page statement and a count statement, each limited by {@link
 * PgReportTaskRepository#VISIBLE_TO_$1}. Conditions become SQL over a fixed set of column
 * expressions with every value bound as a parameter.
 */
public final class PgQueueRepository implements QueueRepository {
  private static final String RUN_FROM =
      """
       FROM runs q
       JOIN report_tasks t ON t.id = q.task_id
       LEFT JOIN reports rep ON rep.id = q.report_id
      WHERE """
          + PgReportTaskRepository.LISTED_FOR_$1;
  private static final String RUN_PAGE =
      """
      SELECT q.id, q.status, q.progress, q.created_at, q.started_at, q.ended_at, q.updated_at,
             t.id AS task_id, t.number AS task_number, rep.id AS report_id,
             rep.number AS report_number
      """
          + RUN_FROM;
  private static final String RUN_COUNT =
      "SELECT count(*) AS total, max(q.updated_at) AS last_modified" + RUN_FROM;

  /** The latest run of each task, by the index on (task_id, created_at DESC). */
  private static final String TASK_FROM =
      """
       FROM report_tasks t
       LEFT JOIN reports rep ON rep.id = t.report_id
       LEFT JOIN LATERAL (SELECT q.id, q.updated_at FROM runs q WHERE q.task_id = t.id
                          ORDER BY q.created_at DESC, q.id DESC LIMIT 1) lr ON true
      WHERE """
          + PgReportTaskRepository.LISTED_FOR_$1;

  private static final String TASK_PAGE =
      """
      SELECT t.id, t.number, t.name, t.origin, t.interval, t.instance, t.enabled, t.job,
             t.created_at, t.updated_at, rep.id AS report_id, rep.number AS report_number,
             lr.id AS latest_run_id
      """
          + TASK_FROM;
  private static final String TASK_COUNT =
      "SELECT count(*) AS total, max(GREATEST(t.updated_at, lr.updated_at)) AS last_modified"
          + TASK_FROM;

  private static final String TYPE =
      "(CASE WHEN t.origin = '"
          + TaskOrigin.USER_REQUEST.code()
          + "' THEN 'user_task'"
          + " ELSE 'periodic' END)";

  /** Column expressions per subject; ids name a number column and a uuid column. */
  private static final Map<Field, String> RUN_COLUMNS =
      Map.of(
          Field.ID, "q.id",
          Field.PROGRESS, "q.progress",
          Field.STATUS, "q.status",
          Field.CREATED, "q.created_at",
          Field.STARTED, "q.started_at",
          Field.ENDED, "q.ended_at");

  private static final Map<Field, String> TASK_COLUMNS =
      Map.of(
          Field.TYPE, TYPE,
          Field.INTERVAL, "t.interval",
          Field.INSTANCE, "t.instance",
          Field.ENABLED, "t.enabled",
          Field.CREATED, "t.created_at",
          Field.NAME, "t.name");
  private static final Map<Field, String> REPORT_COLUMNS =
      Map.of(Field.CREATED, "rep.created_at", Field.NAME, "rep.name");

  private record IdColumns(String number, String uuid) {}

  private static final IdColumns TASK_IDS = new IdColumns("t.number", "t.id");
  private static final IdColumns REPORT_IDS = new IdColumns("rep.number", "rep.id");

  private final Pool pool;

  public PgQueueRepository(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<QueueListing<QueueEntry>> runs(UUID viewer, QueueQuery query) {
    Where where = new Where(viewer);
    for (Condition condition : query.conditions()) {
      where.and(condition(condition, where));
    }
    String order = orderBy(query, true) + ", q.id DESC";
    return listing(RUN_PAGE, RUN_COUNT, where, order, query, PgQueueRepository::queueEntry);
  }

  @Override
  public Future<QueueListing<TaskEntry>> tasks(UUID viewer, QueueQuery query) {
    Where where = new Where(viewer);
    List<String> onRuns = new ArrayList<>();
    for (Condition condition : query.conditions()) {
      if (condition.subject() == Subject.RUN) {
        onRuns.add(condition(condition, where));
      } else {
        where.and(condition(condition, where));
      }
    }
    if (!onRuns.isEmpty()) {
      // one run meets every condition on runs: "tasks having a run that matches"
      where.and(
          "EXISTS (SELECT 1 FROM runs q WHERE q.task_id = t.id AND "
              + String.join(" AND ", onRuns)
              + ")");
    }
    String order = orderBy(query, false) + ", t.number DESC";
    return listing(TASK_PAGE, TASK_COUNT, where, order, query, PgQueueRepository::taskEntry);
  }

  private <T> Future<QueueListing<T>> listing(
      String page,
      String count,
      Where where,
      String order,
      QueueQuery query,
      java.util.function.Function<Row, T> mapper) {
    String filter = where.sql();
    int limit = where.bind(query.limit());
    int offset = where.bind(query.offset());
    Future<List<T>> items =
        pool.preparedQuery(
                page + filter + " ORDER BY " + order + " LIMIT $" + limit + " OFFSET $" + offset)
            .execute(where.values())
            .map(rows -> Rows.all(rows, mapper));
    Future<Row> totals =
        pool.preparedQuery(count + filter)
            .execute(where.valuesBefore(limit))
            .map(rows -> rows.iterator().next());
    return Future.all(items, totals)
        .map(
            done ->
                new QueueListing<>(
                    items.result(),
                    totals.result().getLong("total"),
                    totals.result().getOffsetDateTime("last_modified")))
        .recover(SqlErrors::translate);
  }

  /** One condition as SQL, its values bound in {@code where}. */
  private static String condition(Condition condition, Where where) {
    List<String> terms = new ArrayList<>();
    for (Object value : condition.values()) {
      String column = column(condition.subject(), condition.field(), value);
      if (value == null) {
        terms.add(column + (condition.op() == Op.NE ? " IS NOT NULL" : " IS NULL"));
      } else {
        terms.add(column + " " + operator(condition.op()) + " $" + where.bind(value) + cast(value));
      }
    }
    if (terms.isEmpty()) {
      return "false";
    }
    return "(" + String.join(condition.op() == Op.IN ? " OR " : " AND ", terms) + ")";
  }

  private static String column(Subject subject, Field field, Object value) {
    String column =
        switch (field) {
          case REPORT -> id(REPORT_IDS, value);
          case TASK -> id(TASK_IDS, value);
          case ID ->
              switch (subject) {
                case RUN -> value instanceof UUID ? null : "q.id";
                case TASK -> id(TASK_IDS, value);
                case REPORT -> id(REPORT_IDS, value);
              };
          default ->
              (switch (subject) {
                    case RUN -> RUN_COLUMNS;
                    case TASK -> TASK_COLUMNS;
                    case REPORT -> REPORT_COLUMNS;
                  })
                  .get(field);
        };
    if (column == null) {
      throw new IllegalArgumentException(subject + " has no field " + field + " for " + value);
    }
    return column;
  }

  private static String id(IdColumns columns, Object value) {
    return value instanceof UUID || value == null ? columns.uuid() : columns.number();
  }

  private static String operator(Op op) {
    return switch (op) {
      case EQ, IN -> "=";
      case NE -> "IS DISTINCT FROM";
      case GT -> ">";
      case GE -> ">=";
      case LT -> "<";
      case LE -> "<=";
    };
  }

  private static String cast(Object value) {
    if (value instanceof Long || value instanceof Integer) {
      return "::bigint";
    }
    if (value instanceof UUID) {
      return "::uuid";
    }
    if (value instanceof OffsetDateTime) {
      return "::timestamptz";
    }
    if (value instanceof Boolean) {
      return "::boolean";
    }
    return "::text";
  }

  private static String orderBy(QueueQuery query, boolean runs) {
    List<String> terms = new ArrayList<>();
    for (QueueQuery.Order order : query.sort()) {
      String column =
          runs
              ? RUN_COLUMNS.get(order.field())
              : order.field() == Field.ID ? "t.number" : TASK_COLUMNS.get(order.field());
      if (column == null) {
        throw new IllegalArgumentException("cannot sort on " + order.field());
      }
      terms.add(column + (order.descending() ? " DESC" : " ASC"));
    }
    if (terms.isEmpty()) {
      terms.add(runs ? "q.id DESC" : "t.created_at DESC");
    }
    return String.join(", ", terms);
  }

  private static QueueEntry queueEntry(Row row) {
    return new QueueEntry(
        row.getLong("id"),
        row.getString("status"),
        row.getInteger("progress"),
        row.getOffsetDateTime("created_at"),
        row.getOffsetDateTime("started_at"),
        row.getOffsetDateTime("ended_at"),
        row.getOffsetDateTime("updated_at"),
        row.getUUID("task_id"),
        row.getLong("task_number"),
        row.getUUID("report_id"),
        row.getLong("report_number"));
  }

  private static TaskEntry taskEntry(Row row) {
    return new TaskEntry(
        row.getUUID("id"),
        row.getLong("number"),
        row.getString("name"),
        TaskOrigin.fromCode(row.getString("origin")).orElseThrow(),
        row.getString("interval"),
        row.getUUID("instance"),
        row.getBoolean("enabled"),
        row.getString("job"),
        row.getOffsetDateTime("created_at"),
        row.getOffsetDateTime("updated_at"),
        row.getUUID("report_id"),
        row.getLong("report_number"),
        row.getLong("latest_run_id"));
  }

  /** The WHERE clause after the visibility predicate, and its parameters from $2 on. */
  private static final class Where {
    private final List<Object> values = new ArrayList<>();
    private final StringBuilder sql = new StringBuilder();

    Where(UUID viewer) {
      values.add(viewer);
    }

    void and(String term) {
      sql.append(" AND ").append(term);
    }

    /** Adds a parameter; answers its number. */
    int bind(Object value) {
      values.add(value);
      return values.size();
    }

    String sql() {
      return sql.toString();
    }

    Tuple values() {
      Tuple tuple = Tuple.tuple();
      values.forEach(tuple::addValue);
      return tuple;
    }

    /** The parameters numbered below {@code number}: those of the filter alone. */
    Tuple valuesBefore(int number) {
      Tuple tuple = Tuple.tuple();
      values.subList(0, number - 1).forEach(tuple::addValue);
      return tuple;
    }
  }
}
