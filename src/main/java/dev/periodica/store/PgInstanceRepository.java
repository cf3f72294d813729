package dev.periodica.store;

import dev.periodica.schedule.Instance;
import dev.periodica.schedule.InstanceRepository;
import dev.periodica.schedule.InstanceStatus;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.List;

/** The instances table: one row per server process, its heartbeat refreshed in place. */
public final class PgInstanceRepository implements InstanceRepository {
  private static final String HEARTBEAT =
      """
      INSERT INTO instances (id, host, version, started_at, heartbeat_at, created_at, updated_at,
                             name)
      VALUES ($1, $2, $3, $4, $5, $5, $5, $6)
      ON CONFLICT (id) DO UPDATE SET host = EXCLUDED.host, version = EXCLUDED.version,
        name = EXCLUDED.name,
        started_at = EXCLUDED.started_at, heartbeat_at = EXCLUDED.heartbeat_at,
        updated_at = EXCLUDED.updated_at
      """;

  private static final String LIST =
      """
      SELECT i.id, i.name, i.host, i.version, i.started_at, i.heartbeat_at,
             i.heartbeat_at > $1 AS alive, COALESCE(r.n, 0) AS running
      FROM instances i
      LEFT JOIN (SELECT instance_id, count(*) AS n FROM runs WHERE status = 'in_action'
                 GROUP BY instance_id) r ON r.instance_id = i.id
      ORDER BY i.started_at DESC, i.id
      """;

  private final Pool pool;

  public PgInstanceRepository(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<List<InstanceStatus>> list(OffsetDateTime aliveSince) {
    return pool.preparedQuery(LIST)
        .execute(Tuple.of(aliveSince))
        .map(
            rows ->
                Rows.all(
                    rows,
                    row ->
                        new InstanceStatus(
                            row.getUUID("id"),
                            row.getString("name"),
                            row.getString("host"),
                            row.getString("version"),
                            row.getOffsetDateTime("started_at"),
                            row.getOffsetDateTime("heartbeat_at"),
                            row.getBoolean("alive"),
                            row.getLong("running"))));
  }

  @Override
  public Future<Void> heartbeat(Instance instance, OffsetDateTime now) {
    return pool.preparedQuery(HEARTBEAT)
        .execute(
            Tuple.of(instance.id(), instance.host(), instance.version(), instance.startedAt(), now)
                .addValue(instance.name()))
        .mapEmpty();
  }
}
