package dev.periodica.access;

import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * Short-lived single-use tickets that stand for {@code Pgr-User-Id} on a WebSocket upgrade, which a
 * browser cannot send headers with. The ticket travels in the URL, so it must be worthless once
 * used or after a few seconds; only its hash is stored, so the table does not hold usable tickets.
 */
public final class WsTickets {
  public static final Duration LIFETIME = Duration.ofSeconds(30);
  private static final SecureRandom RANDOM = new SecureRandom();
  private final WsTicketRepository tickets;
  private final Clock clock;

  public WsTickets(WsTicketRepository tickets, Clock clock) {
    this.tickets = tickets;
    this.clock = clock;
  }

  /** A new ticket for {@code user}, and when it expires. */
  public Future<Ticket> issue(UUID user) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Instant now = clock.instant();
    Instant expires = now.plus(LIFETIME);
    return tickets.issue(hash(ticket), user, expires, now).map(v -> new Ticket(ticket, expires));
  }

  /** The user of a valid ticket, which is used up; empty for an unknown, used or expired one. */
  public Future<Optional<UUID>> use(String ticket) {
    if (ticket == null || ticket.isEmpty() || ticket.length() > 100) {
      return Future.succeededFuture(Optional.empty());
    }
    return tickets.use(hash(ticket), clock.instant());
  }

  static String hash(String ticket) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(ticket.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A ticket and the instant it stops working. */
  public record Ticket(String ticket, Instant expiresAt) {}
}
