package dev.periodica.store;

import dev.periodica.access.User;
import dev.periodica.access.UserRepository;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** Users, created on first sight whenever an id is stored as an owner, share or member. */
public final class PgUserRepository implements UserRepository {
  private static final String ENSURE =
      """
      INSERT INTO users (id, created_at, updated_at)
      SELECT id, $2, $2 FROM unnest($1::uuid[]) AS id
      ON CONFLICT (id) DO NOTHING
      """;
  private static final String FIND =
      """
      SELECT id, email, first_name, last_name, username
      FROM users WHERE id = ANY($1::uuid[])
      """;

  private final Pool pool;

  public PgUserRepository(Pool pool) {
    this.pool = pool;
  }

  /** Creates the users among {@code ids} not seen before; ids sorted so racing inserts agree. */
  static Future<Void> ensure(SqlClient client, Collection<UUID> ids, OffsetDateTime now) {
    return client.preparedQuery(ENSURE).execute(Tuple.of(Rows.array(ids), now)).mapEmpty();
  }

  @Override
  public Future<List<User>> find(Collection<UUID> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return pool.preparedQuery(FIND)
        .execute(Tuple.of(Rows.array(ids)))
        .map(rows -> Rows.all(rows, PgUserRepository::map));
  }

  private static User map(Row row) {
    return new User(
        row.getUUID("id"),
        row.getString("email"),
        row.getString("first_name"),
        row.getString("last_name"),
        row.getString("username"));
  }
}
