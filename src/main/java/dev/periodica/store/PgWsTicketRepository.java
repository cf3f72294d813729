package dev.periodica.store;

import dev.periodica.access.WsTicketRepository;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** WebSocket tickets in {@code ws_tickets}; any instance accepts a ticket another one issued. */
public final class PgWsTicketRepository implements WsTicketRepository {
  private static final String ISSUE =
      """
      WITH expired AS (DELETE FROM ws_tickets WHERE expires_at < $4)
      INSERT INTO ws_tickets (ticket_hash, user_id, expires_at) VALUES ($1, $2, $3)
      """;
  private static final String USE =
      "DELETE FROM ws_tickets WHERE ticket_hash = $1 RETURNING user_id, expires_at > $2 AS live";

  private final Pool pool;

  public PgWsTicketRepository(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Void> issue(String hash, UUID user, Instant expiresAt, Instant now) {
    return pool.preparedQuery(ISSUE)
        .execute(Tuple.of(hash, user, PgRunRepository.utc(expiresAt), PgRunRepository.utc(now)))
        .mapEmpty();
  }

  @Override
  public Future<Optional<UUID>> use(String hash, Instant now) {
    return pool.preparedQuery(USE)
        .execute(Tuple.of(hash, PgRunRepository.utc(now)))
        .map(
            rows ->
                Rows.first(
                        rows,
                        row ->
                            row.getBoolean("live")
                                ? Optional.of(row.getUUID("user_id"))
                                : Optional.<UUID>empty())
                    .flatMap(user -> user));
  }
}
