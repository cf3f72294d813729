package dev.periodica.store;

import dev.periodica.access.Caller;
import dev.periodica.report.Widget;
import dev.periodica.report.WidgetDraft;
import dev.periodica.report.WidgetRepository;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Widgets: visible and changeable with their dashboard; the dashboard's owner owns them. */
public final class PgWidgetRepository extends PgVisibleRepository<Widget, WidgetDraft>
    implements WidgetRepository {
  private static final String COLUMNS =
      """
      SELECT w.id, d.owner_id, w.name, w.config, w.settings, w.dashboard_id,
             w.created_at, w.updated_at
      """;
  private static final String SELECT =
      COLUMNS + " FROM widgets w JOIN dashboards d ON d.id = w.dashboard_id";
  private static final String FILTER =
      """
       FROM widgets w JOIN dashboards d ON d.id = w.dashboard_id
      WHERE ($2::text IS NULL OR lower(w.name) LIKE $2)
        AND ($3::uuid IS NULL OR w.dashboard_id = $3)
        AND """
          + PgDashboardRepository.VISIBLE_TO_$1;
  private static final String INSERT =
      """
      INSERT INTO widgets (id, dashboard_id, name, config, settings, created_at, updated_at)
      VALUES ($1, $2, $3, $4, $5, $6, $6)
      """;
  private static final String UPDATE =
      """
      UPDATE widgets w SET name = $4, config = $5, settings = $6, dashboard_id = $7,
        updated_at = $8
      FROM dashboards d
      WHERE w.id = $2 AND w.updated_at = $3 AND d.id = w.dashboard_id AND """
          + PgDashboardRepository.VISIBLE_TO_$1;
  private static final String FIND_VISIBLE_MANY =
      SELECT + " WHERE w.id = ANY($2::uuid[]) AND " + PgDashboardRepository.VISIBLE_TO_$1;
  private static final String FIND_MANY = SELECT + " WHERE w.id = ANY($1::uuid[])";
  private static final String BY_DASHBOARD =
      SELECT + " WHERE w.dashboard_id = $1 ORDER BY w.created_at, w.id";
  private static final Queries QUERIES =
      new Queries(
          SELECT + " WHERE w.id = $2 AND " + PgDashboardRepository.VISIBLE_TO_$1,
          SELECT + " WHERE w.id = $1",
          COLUMNS + FILTER + " ORDER BY %s LIMIT $4 OFFSET $5",
          "SELECT count(*)" + FILTER,
          """
          DELETE FROM widgets w USING dashboards d
          WHERE w.id = $1 AND d.id = w.dashboard_id AND d.owner_id = $2
          """,
          Map.of("name", "w.name", "created_at", "w.created_at", "updated_at", "w.updated_at"),
          "w.id");

  public PgWidgetRepository(Pool pool) {
    super(pool, QUERIES, PgWidgetRepository::mapRow);
  }

  @Override
  public Future<Widget> insert(Caller caller, UUID id, WidgetDraft draft, OffsetDateTime now) {
    return pool.preparedQuery(INSERT)
        .execute(
            Tuple.of(id, draft.dashboardId(), draft.name(), draft.config(), draft.settings(), now))
        .compose(ok -> findById(id))
        .map(Optional::orElseThrow)
        .recover(SqlErrors::translate);
  }

  @Override
  public Future<Optional<Widget>> update(
      Caller caller, UUID id, WidgetDraft draft, OffsetDateTime expected, OffsetDateTime now) {
    Tuple row =
        Tuple.of(caller.userId(), id, expected, draft.name(), draft.config(), draft.settings())
            .addValue(draft.dashboardId())
            .addValue(now);
    return pool.preparedQuery(UPDATE)
        .execute(row)
        .compose(
            rows ->
                rows.rowCount() == 0
                    ? Future.succeededFuture(Optional.<Widget>empty())
                    : findById(id))
        .recover(SqlErrors::translate);
  }

  @Override
  public Future<List<Widget>> findByDashboard(UUID dashboardId) {
    return pool.preparedQuery(BY_DASHBOARD)
        .execute(Tuple.of(dashboardId))
        .map(rows -> Rows.all(rows, this::map));
  }

  @Override
  public Future<List<Widget>> findVisible(Caller caller, Collection<UUID> ids) {
    return pool.preparedQuery(FIND_VISIBLE_MANY)
        .execute(Tuple.tuple().addValue(caller.userId()).addValue(Rows.array(ids)))
        .map(rows -> Rows.all(rows, this::map));
  }

  @Override
  public Future<List<Widget>> findAll(Collection<UUID> ids) {
    return pool.preparedQuery(FIND_MANY)
        .execute(Tuple.tuple().addValue(Rows.array(ids)))
        .map(rows -> Rows.all(rows, this::map));
  }

  private static Widget mapRow(Row row) {
    return new Widget(
        row.getUUID("id"),
        row.getUUID("owner_id"),
        new WidgetDraft(
            row.getString("name"),
            Rows.json(row, "config"),
            Rows.json(row, "settings"),
            row.getUUID("dashboard_id")),
        row.getOffsetDateTime("created_at"),
        row.getOffsetDateTime("updated_at"));
  }
}
