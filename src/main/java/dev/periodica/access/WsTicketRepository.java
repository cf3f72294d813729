package dev.periodica.access;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Stored WebSocket tickets, by the SHA-256 of the ticket. */
public interface WsTicketRepository {
  /**
   * Stores a ticket (and forgets the expired ones) in one statement, unless {@code user} already
   * holds {@code cap} unexpired ones; answers whether it stored it.
   */
  Future<Boolean> issue(String hash, UUID user, Instant expiresAt, Instant now, int cap);

  /** Removes the ticket and answers its user if it had not expired: a ticket works once. */
  Future<Optional<UUID>> use(String hash, Instant now);
}
