package dev.periodica.store;

import dev.periodica.access.Caller;
import dev.periodica.access.User;
import dev.periodica.report.Report;
import dev.periodica.report.ReportDraft;
import dev.periodica.report.ReportRepository;
import dev.periodica.report.ReportWithUsers;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Reports with their user and group shares. Owners, shared users and group members see and change a
 * report; everyone reads system reports, which nobody changes here.
 */
public final class PgReportRepository extends PgVisibleRepository<Report, ReportDraft>
    implements ReportRepository {
  /** The caller ($1) owns the report {@code r} or it is shared with them, directly or by group. */
  static final String SHARED_WITH_$1 = sharedWith("$1");

  /** The caller ($1) may read the report {@code r}: it is shared with them, or system-wide. */
  static final String READABLE_BY_$1 = "(r.is_system OR " + SHARED_WITH_$1 + ")";

  /**
   * The ids of the reports the caller ($1) owns or that are shared with them, as one array that an
   * index scan takes ({@code = ANY}): a list narrows its rows with it before the exact check, where
   * the exact check alone, an OR of correlated subqueries, makes PostgreSQL read every row of the
   * table for every caller.
   */
  static final String OWNED_OR_SHARED_IDS_OF_$1 =
      """
      ARRAY(SELECT o.id FROM reports o WHERE o.owner_id = $1
            UNION ALL
            SELECT ru.report_id FROM report_users ru WHERE ru.user_id = $1
            UNION ALL
            SELECT rg.report_id FROM report_groups rg
              JOIN group_members gm ON gm.group_id = rg.group_id
             WHERE gm.user_id = $1)""";

  /**
   * {@link #READABLE_BY_$1} for lists: the same rows, first narrowed through the indexes on {@code
   * is_system} and the id (a necessary condition, so the exact check that follows decides).
   */
  static final String LISTED_FOR_$1 =
      "(r.is_system OR r.id = ANY(" + OWNED_OR_SHARED_IDS_OF_$1 + ")) AND " + READABLE_BY_$1;

  /** The user {@code user} (an SQL expression) owns the report {@code r} or shares it. */
  static String sharedWith(String user) {
    return """
        (r.owner_id = %1$s
         OR EXISTS (SELECT 1 FROM report_users ru WHERE ru.report_id = r.id AND ru.user_id = %1$s)
         OR EXISTS (SELECT 1 FROM report_groups rg
                    JOIN group_members gm ON gm.group_id = rg.group_id
                    WHERE rg.report_id = r.id AND gm.user_id = %1$s))
        """
        .formatted(user);
  }

  private static final String FIND_VISIBLE_BY_NUMBER_SUFFIX =
      " FROM reports r WHERE r.number = $2 AND ";

  /** A report's columns; {@link #mapRow(Row, int)} reads them by position ({@link #POSITIONS}). */
  static final String COLUMNS =
      """
      SELECT r.id, r.number, r.owner_id, r.name, r.config, r.settings, r.is_system, r.category_id,
             r.dashboard_id, r.task_id,
             ARRAY(SELECT ru.user_id FROM report_users ru WHERE ru.report_id = r.id
                   ORDER BY ru.user_id) AS user_ids,
             ARRAY(SELECT rg.group_id FROM report_groups rg WHERE rg.report_id = r.id
                   ORDER BY rg.group_id) AS group_ids,
             r.created_at, r.updated_at
      """;

  private static final ColumnPositions POSITIONS = new ColumnPositions(COLUMNS);

  private static final String FILTER =
      """
       FROM reports r
      WHERE ($2::text IS NULL OR lower(r.name) LIKE $2)
        AND ($3::uuid IS NULL OR r.category_id = $3)
        AND """
          + LISTED_FOR_$1;
  private static final String INSERT =
      """
      INSERT INTO reports (id, owner_id, name, config, settings, is_system, category_id,
        dashboard_id, created_at, updated_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
      RETURNING number
      """;
  private static final String UPDATE =
      """
      UPDATE reports r SET name = $4, config = $5, settings = $6, is_system = $7,
        category_id = $8, dashboard_id = $9, updated_at = $10
      WHERE r.id = $2 AND r.updated_at = $3
        AND CASE WHEN r.is_system OR $7 THEN $11 ELSE """
          + SHARED_WITH_$1
          + " END RETURNING r.number, r.owner_id, r.task_id, r.created_at";

  /** $1 id, $2 caller, $3 whether the caller is an administrator. */
  private static final String DELETE =
      """
      DELETE FROM reports
      WHERE id = $1 AND CASE WHEN is_system THEN $3 ELSE owner_id = $2 END
      """;

  private static final Queries QUERIES =
      new Queries(
          COLUMNS + " FROM reports r WHERE r.id = $2 AND " + READABLE_BY_$1,
          COLUMNS + " FROM reports r WHERE r.id = $1",
          COLUMNS + FILTER + " ORDER BY %s LIMIT $4 OFFSET $5",
          "SELECT count(*)" + FILTER,
          DELETE,
          Map.of("name", "r.name", "created_at", "r.created_at", "updated_at", "r.updated_at"),
          "r.id");

  /**
   * After {@link #COLUMNS}: the report's owner and the users it is shared with, as a JSON array
   * (column {@code people}, read by {@link #people(Row, int)} into a map, so in no order). The
   * users are found by their ids, each through the primary key; {@code u.id = r.owner_id OR u.id IN
   * (…)} read every row of {@code users} instead (34 ms for a GET at 50,000 users).
   */
  static final String PEOPLE =
      """
      , (SELECT json_agg(json_build_object('id', u.id, 'email', u.email,
                'first_name', u.first_name, 'last_name', u.last_name, 'username', u.username))
           FROM users u
          WHERE u.id IN (SELECT r.owner_id
                         UNION ALL
                         SELECT ru.user_id FROM report_users ru WHERE ru.report_id = r.id))
         AS people
      """;

  /** How many columns {@link #COLUMNS} and {@link #PEOPLE} make together. */
  static final int WIDTH_WITH_PEOPLE = POSITIONS.size() + 1;

  /**
   * $1 caller, $2 id: the report as {@code QUERIES} reads it, with its owner and the users it is
   * shared with as a JSON array (one statement instead of two).
   */
  private static final String FIND_VISIBLE_WITH_USERS =
      COLUMNS + PEOPLE + " FROM reports r WHERE r.id = $2 AND " + READABLE_BY_$1;

  private static final ShareTable USERS = new ShareTable("report_users", "report_id", "user_id");
  private static final ShareTable GROUPS = new ShareTable("report_groups", "report_id", "group_id");

  public PgReportRepository(Pool pool) {
    super(pool, QUERIES, PgReportRepository::mapRow);
  }

  @Override
  public Future<Report> insert(Caller caller, UUID id, ReportDraft draft, OffsetDateTime now) {
    List<UUID> users = new ArrayList<>(draft.userIds());
    users.add(caller.userId());
    Tuple row =
        Tuple.of(id, caller.userId(), draft.name(), draft.config(), draft.settings())
            .addValue(draft.isSystem())
            .addValue(draft.categoryId())
            .addValue(draft.dashboardId())
            .addValue(now);
    return pool.withTransaction(
            connection ->
                PgUserRepository.ensure(connection, users, now)
                    .compose(ok -> connection.preparedQuery(INSERT).execute(row))
                    .compose(
                        inserted ->
                            writeShares(connection, id, draft)
                                .map(inserted.iterator().next().getLong("number"))))
        .map(number -> new Report(id, number, caller.userId(), draft, null, now, now))
        .recover(SqlErrors::translate);
  }

  @Override
  public Future<Optional<Report>> update(
      Caller caller, UUID id, ReportDraft draft, OffsetDateTime expected, OffsetDateTime now) {
    Tuple row =
        Tuple.of(caller.userId(), id, expected, draft.name(), draft.config(), draft.settings())
            .addValue(draft.isSystem())
            .addValue(draft.categoryId())
            .addValue(draft.dashboardId())
            .addValue(now)
            .addValue(caller.admin());
    return updateWith(
        UPDATE,
        row,
        (connection, stored) ->
            PgUserRepository.ensure(connection, draft.userIds(), now)
                .compose(ok -> writeShares(connection, id, draft))
                .map(
                    ok ->
                        new Report(
                            id,
                            stored.getLong("number"),
                            stored.getUUID("owner_id"),
                            draft,
                            stored.getUUID("task_id"),
                            stored.getOffsetDateTime("created_at"),
                            now)));
  }

  @Override
  public Future<Boolean> delete(Caller caller, UUID id) {
    return pool.preparedQuery(DELETE)
        .execute(Tuple.of(id, caller.userId(), caller.admin()))
        .map(rows -> rows.rowCount() > 0)
        .recover(SqlErrors::translate);
  }

  private static Future<Void> writeShares(SqlConnection connection, UUID id, ReportDraft draft) {
    return USERS
        .replace(connection, id, draft.userIds())
        .compose(ok -> GROUPS.replace(connection, id, draft.groupIds()));
  }

  /**
   * A row whose report columns start at its {@code id} (a list's rows hold its total first), read
   * by position when it holds them all in order.
   */
  private static Report mapRow(Row row) {
    return mapRow(row, POSITIONS.in(row));
  }

  /**
   * The report whose {@link #COLUMNS} start at position {@code from} of {@code row} (a row may hold
   * a task's columns first). By position: a name would find the task's column of that name.
   */
  static Report mapRow(Row row, int from) {
    return mapRow(row, POSITIONS.from(from));
  }

  private static Report mapRow(Row row, ColumnPositions.At c) {
    return new Report(
        row.getUUID(c.of("id")),
        row.getLong(c.of("number")),
        row.getUUID(c.of("owner_id")),
        new ReportDraft(
            row.getString(c.of("name")),
            Rows.json(row, c.of("config")),
            Rows.json(row, c.of("settings")),
            row.getBoolean(c.of("is_system")),
            row.getUUID(c.of("category_id")),
            row.getUUID(c.of("dashboard_id")),
            Rows.uuids(row, c.of("user_ids")),
            Rows.uuids(row, c.of("group_ids"))),
        row.getUUID(c.of("task_id")),
        row.getOffsetDateTime(c.of("created_at")),
        row.getOffsetDateTime(c.of("updated_at")));
  }

  @Override
  public Future<java.util.Optional<ReportWithUsers>> findVisibleWithUsers(Caller caller, UUID id) {
    return pool.preparedQuery(FIND_VISIBLE_WITH_USERS)
        .execute(Tuple.of(caller.userId(), id))
        .map(rows -> Rows.first(rows, row -> withUsers(row, 0)));
  }

  /** The report and its people whose {@link #COLUMNS} and {@link #PEOPLE} start at {@code from}. */
  static ReportWithUsers withUsers(Row row, int from) {
    return new ReportWithUsers(mapRow(row, from), people(row, from + WIDTH_WITH_PEOPLE - 1));
  }

  private static Map<UUID, User> people(Row row, int at) {
    Map<UUID, User> users = new HashMap<>();
    if (row.getValue(at) instanceof JsonArray array) {
      for (int i = 0; i < array.size(); i++) {
        JsonObject user = array.getJsonObject(i);
        UUID id = UUID.fromString(user.getString("id"));
        users.put(
            id,
            new User(
                id,
                user.getString("email"),
                user.getString("first_name"),
                user.getString("last_name"),
                user.getString("username")));
      }
    }
    return users;
  }

  @Override
  public Future<java.util.Optional<Report>> findVisibleByNumber(Caller caller, long number) {
    return pool.preparedQuery(COLUMNS + FIND_VISIBLE_BY_NUMBER_SUFFIX + READABLE_BY_$1)
        .execute(Tuple.of(caller.userId(), number))
        .map(rows -> Rows.first(rows, this::map));
  }
}
