package dev.periodica.access;

import dev.periodica.common.Messages;
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

  /**
   * Unused tickets a user may hold at once. A console asks for one per (re)connection; a client
   * asking in a loop would otherwise fill the table for as long as it keeps asking.
   */
  public static final int MAX_UNUSED = 20;

  private static final SecureRandom RANDOM = new SecureRandom();
  private final WsTicketRepository tickets;
  private final Clock clock;

  public WsTickets(WsTicketRepository tickets, Clock clock) {
    this.tickets = tickets;
    this.clock = clock;
  }

  /**
   * A new ticket for {@code user}, and when it expires; 429 when they hold {@link #MAX_UNUSED}
   * unused ones.
   */
  public Future<Ticket> issue(UUID user) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Instant now = clock.instant();
    Instant expires = now.plus(LIFETIME);
    return tickets
        .issue(hash(ticket), user, expires, now, MAX_UNUSED)
        .map(
            stored -> {
              if (!stored) {
                throw new TooManyTickets();
              }
              return new Ticket(ticket, expires);
            });
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

  /** The user holds {@link #MAX_UNUSED} unused tickets already. */
  public static final class TooManyTickets extends dev.periodica.common.PeriodicaException {
    TooManyTickets() {
      super(429, String.format(Messages.WS_TOO_MANY_TICKETS, MAX_UNUSED, LIFETIME.toSeconds()));
    }
  }

  /** A ticket and the instant it stops working. */
  public record Ticket(String ticket, Instant expiresAt) {}
}
