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

  private static final String FIND_OR_CREATE =
      """
      WITH created AS (
        INSERT INTO users (id, created_at, updated_at) VALUES ($1, $2, $2)
        ON CONFLICT (id) DO NOTHING
        RETURNING id, email, first_name, last_name, username)
      SELECT * FROM created
      UNION ALL
      SELECT id, email, first_name, last_name, username FROM users WHERE id = $1
      """;
  private static final String SAVE =
      """
      INSERT INTO users (id, email, first_name, last_name, username, created_at, updated_at)
      VALUES ($1, $2, $3, $4, $5, $6, $6)
      ON CONFLICT (id) DO UPDATE SET email = $2, first_name = $3, last_name = $4, username = $5,
        updated_at = $6
      RETURNING id, email, first_name, last_name, username
      """;

  /** Case-insensitive, as the unique index {@code users_username_key} (V16) compares them. */
  private static final String FIND_BY_USERNAME =
      """
      SELECT id, email, first_name, last_name, username
      FROM users WHERE lower(username) = lower($1)
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

  @Override
  public Future<User> findOrCreate(UUID id, OffsetDateTime now) {
    return pool.preparedQuery(FIND_OR_CREATE)
        .execute(Tuple.of(id, now))
        .map(rows -> Rows.first(rows, PgUserRepository::map).orElseThrow());
  }

  @Override
  public Future<User> save(User user, OffsetDateTime now) {
    return pool.preparedQuery(SAVE)
        .execute(
            Tuple.of(user.id(), user.email(), user.firstName(), user.lastName(), user.username())
                .addValue(now))
        .map(rows -> Rows.first(rows, PgUserRepository::map).orElseThrow())
        .recover(SqlErrors::translate);
  }

  @Override
  public Future<java.util.Optional<User>> findByUsername(String username) {
    return pool.preparedQuery(FIND_BY_USERNAME)
        .execute(Tuple.of(username))
        .map(rows -> Rows.first(rows, PgUserRepository::map));
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
