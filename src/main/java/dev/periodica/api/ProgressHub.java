package dev.periodica.api;

import dev.periodica.access.WsTickets;
import dev.periodica.bus.Addresses;
import dev.periodica.common.Ids;
import dev.periodica.common.Messages;
import dev.periodica.run.RunQueue;
import io.netty.channel.Channel;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code /ws} endpoint of one API verticle: upgrades callers to WebSockets and hands every run
 * event (from this or any other instance, through the event bus) to its connections. An upgrade is
 * refused from a foreign origin (403) and beyond the user's connection cap (429). Connections are
 * pinged at half the idle timeout, so a live client that is only listening stays connected while a
 * vanished one is closed. A browser, which cannot send {@code Pgr-User-Id} on an upgrade, sends a
 * ticket from {@code POST /ws/ticket} instead ({@code ?ticket=…}, single use, short-lived).
 */
final class ProgressHub {
  private static final Logger LOG = LoggerFactory.getLogger(ProgressHub.class);
  private final RunQueue queue;
  private final ApiLimits limits;
  private final WsTickets tickets;
  private final Set<ProgressSocket> sockets = new HashSet<>();

  /** Open connections per user, so that the visibility answers of a user who left are dropped. */
  private final Map<UUID, Integer> users = new HashMap<>();

  private final TaskVisibility visibility;

  /** Subscriptions' statements take turns, so a reconnecting crowd does not hold events back. */
  private final SubscriptionChecks checks = new SubscriptionChecks();

  private final Context context;

  /** Whether the connections' flushes are held until the notifications queued now are written. */
  private boolean flushing;

  ProgressHub(Vertx vertx, RunQueue queue, ApiLimits limits, WsTickets tickets) {
    this.queue = queue;
    this.limits = limits;
    this.tickets = tickets;
    this.context = vertx.getOrCreateContext();
    this.visibility = new TaskVisibility(queue, context);
    vertx
        .eventBus()
        .<String>consumer(
            Addresses.RUN_EVENTS,
            message -> {
              if (sockets.isEmpty()) {
                return;
              }
              // the events of one statement, encoded once, go to each connection in one batch
              RunBatch batch = RunBatch.of(message.body());
              if (batch == null) {
                return;
              }
              if (!flushing) {
                // the connections flush once all the notifications already queued on this event
                // loop are written: one write(2) per connection for all of them
                flushing = true;
                sockets.forEach(ProgressSocket::holdFlushes);
                context.runOnContext(v -> releaseFlushes());
              }
              long now = System.nanoTime();
              for (ProgressSocket socket : sockets) {
                try {
                  socket.onRuns(batch, now);
                } catch (RuntimeException e) {
                  // one connection's failure must not cost the others these events
                  LOG.warn("live-progress events could not be sent to one connection", e);
                }
              }
            });
    vertx.eventBus().consumer(Addresses.ACCESS_CHANGED, message -> visibility.forget());
    // events were lost while the LISTEN connection was down: each client reconnects and is sent a
    // snapshot read after they were, rather than show runs in states they have left, for good
    vertx
        .eventBus()
        .consumer(
            Addresses.RUN_EVENTS_RESUMED,
            message -> java.util.List.copyOf(sockets).forEach(ProgressSocket::eventsMissed));
    long pingEvery = Math.max(100, limits.idleTimeout().toMillis() / 2);
    vertx.setPeriodic(pingEvery, id -> sockets.forEach(ProgressSocket::ping));
  }

  void handle(RoutingContext ctx) {
    if (!CrossSiteGuard.allowed(ctx, limits.origins())) {
      ErrorResponses.write(ctx, 403, Messages.WS_ORIGIN_REFUSED);
      return;
    }
    String ticket = ctx.request().getParam("ticket");
    if (ticket != null) {
      if (ctx.request().headers().getAll(CallerHandler.HEADER).stream()
          .anyMatch(h -> Ids.parse(h.trim()).isEmpty())) {
        // a header that names nobody is bad input, not another user; the ticket stays unused
        ErrorResponses.write(ctx, 400, Messages.UID_NOT_UUID);
        return;
      }
      // a browser's upgrade: the ticket stands for the header it cannot send; the request stays
      // paused while the ticket is looked up, or it ends and can no longer be upgraded
      ctx.request().pause();
      tickets
          .use(ticket)
          .onComplete(
              used -> {
                if (used.failed() || used.result().isEmpty()) {
                  ErrorResponses.write(ctx, 401, Messages.WS_TICKET_INVALID);
                } else if (!sameUser(ctx, used.result().get())) {
                  // behind a gateway the header is who the request is: a ticket someone else
                  // obtained (a leaked URL) does not make them its owner
                  ErrorResponses.write(ctx, 401, Messages.WS_TICKET_OTHER_USER);
                } else {
                  open(ctx, used.result().get());
                }
              });
      return;
    }
    if (ctx.request().headers().getAll(CallerHandler.HEADER).size() > 1) {
      ErrorResponses.write(ctx, 400, Messages.UID_HEADER_REPEATED);
      return;
    }
    String header = ctx.request().getHeader(CallerHandler.HEADER);
    if (header == null || header.isBlank()) {
      ErrorResponses.write(ctx, 400, Messages.MISSING_UID_HEADER);
      return;
    }
    UUID user = Ids.parse(header.trim()).orElse(null);
    if (user == null) {
      ErrorResponses.write(ctx, 400, Messages.UID_NOT_UUID);
      return;
    }
    open(ctx, user);
  }

  /** No {@code Pgr-User-Id} on the upgrade (a browser), or the ticket's own user. */
  private static boolean sameUser(RoutingContext ctx, UUID ticketUser) {
    java.util.List<String> headers = ctx.request().headers().getAll(CallerHandler.HEADER);
    return headers.isEmpty()
        || headers.stream()
            .allMatch(h -> Ids.parse(h.trim()).map(ticketUser::equals).orElse(false));
  }

  private void open(RoutingContext ctx, UUID user) {
    ProgressConnections connections = limits.connections();
    if (!connections.tryOpen(user)) {
      ErrorResponses.write(
          ctx, 429, Messages.WS_TOO_MANY_CONNECTIONS.formatted(connections.maxPerUser()));
      return;
    }
    ctx.request()
        .toWebSocket()
        .onSuccess(
            socket -> {
              FrameChannel frames;
              try {
                frames = FrameChannel.install(channel(ctx).pipeline());
              } catch (RuntimeException e) {
                // only a Vert.x whose internals moved gets here: say so rather than run without
                LOG.error("a live-progress connection could not reach its channel", e);
                connections.closed(user);
                socket.close((short) 1011, Messages.INTERNAL_ERROR);
                return;
              }
              ProgressSocket connection =
                  new ProgressSocket(socket, user, queue, visibility, checks, connections, frames);
              sockets.add(connection);
              users.merge(user, 1, Integer::sum);
              socket.closeHandler(
                  v -> {
                    connection.closed();
                    sockets.remove(connection);
                    if (users.merge(user, -1, Integer::sum) <= 0) {
                      users.remove(user);
                      visibility.drop(user);
                    }
                    connections.closed(user);
                  });
            })
        .onFailure(
            e -> {
              connections.closed(user);
              ErrorResponses.write(ctx, 400, Messages.BAD_REQUEST);
            });
  }

  private void releaseFlushes() {
    flushing = false;
    sockets.forEach(ProgressSocket::releaseFlushes);
  }

  /** The channel of the request, which the upgraded WebSocket goes on using. */
  private static Channel channel(RoutingContext ctx) {
    if (ctx.request().connection() instanceof ConnectionBase connection) {
      return connection.channel();
    }
    throw new IllegalStateException(
        "the request's connection is not a Vert.x ConnectionBase: "
            + ctx.request().connection().getClass());
  }

  /** The request's {@code Host}, or its HTTP/2 authority. */
  static String host(RoutingContext ctx) {
    String host = ctx.request().getHeader(HttpHeaders.HOST);
    var authority = ctx.request().authority();
    if (host != null || authority == null) {
      return host;
    }
    return authority.port() < 0 ? authority.host() : authority.host() + ":" + authority.port();
  }
}
