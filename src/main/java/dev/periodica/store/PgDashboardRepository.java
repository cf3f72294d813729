package dev.periodica.store;

import dev.periodica.access.Caller;
import dev.periodica.report.Dashboard;
import dev.periodica.report.DashboardDraft;
import dev.periodica.report.DashboardRepository;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Dashboards with their user and group shares; shared users and group members may change them. */
public final class PgDashboardRepository extends PgVisibleRepository<Dashboard, DashboardDraft>
    implements DashboardRepository {
  static final String VISIBLE_TO_$1 =
      """
      (d.owner_id = $1
       OR EXISTS (SELECT 1 FROM dashboard_users du WHERE du.dashboard_id = d.id AND du.user_id = $1)
       OR EXISTS (SELECT 1 FROM dashboard_groups dg
                  JOIN group_members gm ON gm.group_id = dg.group_id
                  WHERE dg.dashboard_id = d.id AND gm.user_id = $1))
      """;
  private static final String COLUMNS =
      """
      d.id, d.owner_id, d.name, d.config,
      ARRAY(SELECT du.user_id FROM dashboard_users du WHERE du.dashboard_id = d.id
            ORDER BY du.user_id) AS user_ids,
      ARRAY(SELECT dg.group_id FROM dashboard_groups dg WHERE dg.dashboard_id = d.id
            ORDER BY dg.group_id) AS group_ids,
      d.created_at, d.updated_at
      """;
  private static final String FILTER =
      """
       FROM dashboards d
      WHERE ($2::text IS NULL OR lower(d.name) LIKE $2)
        AND ($3::uuid IS NULL OR $3 = $3) -- dashboards have no parent; $3 is only typed
        AND """
          + VISIBLE_TO_$1;
  private static final String INSERT =
      """
      INSERT INTO dashboards (id, owner_id, name, config, created_at, updated_at)
      VALUES ($1, $2, $3, $4, $5, $5)
      """;
  private static final String UPDATE =
      """
      UPDATE dashboards d SET name = $4, config = $5, updated_at = $6
      WHERE d.id = $2 AND d.updated_at = $3 AND """
          + VISIBLE_TO_$1
          + " RETURNING d.owner_id, d.created_at";
  private static final Queries QUERIES =
      new Queries(
          "SELECT " + COLUMNS + " FROM dashboards d WHERE d.id = $2 AND " + VISIBLE_TO_$1,
          "SELECT " + COLUMNS + " FROM dashboards d WHERE d.id = $1",
          "SELECT " + COLUMNS + FILTER + " ORDER BY %s LIMIT $4 OFFSET $5",
          "SELECT count(*)" + FILTER,
          "DELETE FROM dashboards WHERE id = $1 AND owner_id = $2",
          Map.of("name", "d.name", "created_at", "d.created_at", "updated_at", "d.updated_at"),
          "d.id");
  private static final ShareTable USERS =
      new ShareTable("dashboard_users", "dashboard_id", "user_id");
  private static final ShareTable GROUPS =
      new ShareTable("dashboard_groups", "dashboard_id", "group_id");

  public PgDashboardRepository(Pool pool) {
    super(pool, QUERIES, PgDashboardRepository::mapRow);
  }

  @Override
  public Future<Dashboard> insert(
      Caller caller, UUID id, DashboardDraft draft, OffsetDateTime now) {
    List<UUID> users = new ArrayList<>(draft.userIds());
    users.add(caller.userId());
    return pool.withTransaction(
            connection ->
                PgUserRepository.ensure(connection, users, now)
                    .compose(
                        ok ->
                            connection
                                .preparedQuery(INSERT)
                                .execute(
                                    Tuple.of(
                                        id, caller.userId(), draft.name(), draft.config(), now)))
                    .compose(ok -> writeShares(connection, id, draft)))
        .map(ok -> new Dashboard(id, caller.userId(), draft, now, now))
        .recover(SqlErrors::translate);
  }

  @Override
  public Future<Optional<Dashboard>> update(
      Caller caller, UUID id, DashboardDraft draft, OffsetDateTime expected, OffsetDateTime now) {
    Tuple row = Tuple.of(caller.userId(), id, expected, draft.name(), draft.config(), now);
    return updateWith(
        UPDATE,
        row,
        (connection, stored) ->
            PgUserRepository.ensure(connection, draft.userIds(), now)
                .compose(ok -> writeShares(connection, id, draft))
                .map(
                    ok ->
                        new Dashboard(
                            id,
                            stored.getUUID("owner_id"),
                            draft,
                            stored.getOffsetDateTime("created_at"),
                            now)));
  }

  private static Future<Void> writeShares(SqlConnection connection, UUID id, DashboardDraft draft) {
    return USERS
        .replace(connection, id, draft.userIds())
        .compose(ok -> GROUPS.replace(connection, id, draft.groupIds()));
  }

  private static Dashboard mapRow(Row row) {
    return new Dashboard(
        row.getUUID("id"),
        row.getUUID("owner_id"),
        new DashboardDraft(
            row.getString("name"),
            Rows.json(row, "config"),
            Rows.uuids(row, "user_ids"),
            Rows.uuids(row, "group_ids")),
        row.getOffsetDateTime("created_at"),
        row.getOffsetDateTime("updated_at"));
  }
}
