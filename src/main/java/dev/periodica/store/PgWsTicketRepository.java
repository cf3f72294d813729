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
  /** $5 the most unexpired tickets a user may hold (the expired ones go in the same statement). */
  private static final String ISSUE =
      """
      WITH expired AS (DELETE FROM ws_tickets WHERE expires_at < $4)
      INSERT INTO ws_tickets (ticket_hash, user_id, expires_at)
      SELECT $1, $2, $3
      WHERE (SELECT count(*) FROM ws_tickets WHERE user_id = $2 AND expires_at >= $4) < $5
      """;

  private static final String USE =
      "DELETE FROM ws_tickets WHERE ticket_hash = $1 RETURNING user_id, expires_at > $2 AS live";

  private final Pool pool;

  public PgWsTicketRepository(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Boolean> issue(String hash, UUID user, Instant expiresAt, Instant now, int cap) {
    return pool.preparedQuery(ISSUE)
        .execute(
            Tuple.of(hash, user, PgRunRepository.utc(expiresAt), PgRunRepository.utc(now), cap))
        .map(rows -> rows.rowCount() == 1);
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
