package dev.periodica.api;

import dev.periodica.bus.Addresses;
import dev.periodica.common.Ids;
import dev.periodica.common.Messages;
import dev.periodica.run.RunQueue;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * The {@code /ws} endpoint of one API verticle: upgrades callers to WebSockets and hands every run
 * event (from this or any other instance, through the event bus) to its connections.
 */
final class ProgressHub {
  private final RunQueue queue;
  private final Set<ProgressSocket> sockets = new HashSet<>();

  ProgressHub(Vertx vertx, RunQueue queue) {
    this.queue = queue;
    vertx
        .eventBus()
        .<String>consumer(
            Addresses.RUN_EVENTS,
            message -> {
              if (sockets.isEmpty()) {
                return;
              }
              JsonObject run = RunEvents.run(message.body());
              if (run == null || run.getString("task_id") == null) {
                return;
              }
              long id = run.getLong("id");
              UUID task = UUID.fromString(run.getString("task_id"));
              String text = ProgressSocket.message(run);
              sockets.forEach(socket -> socket.onRun(id, task, text));
            });
  }

  void handle(RoutingContext ctx) {
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
    ctx.request()
        .toWebSocket()
        .onSuccess(
            socket -> {
              ProgressSocket connection = new ProgressSocket(socket, user, queue);
              sockets.add(connection);
              socket.closeHandler(v -> sockets.remove(connection));
            })
        .onFailure(e -> ErrorResponses.write(ctx, 400, Messages.BAD_REQUEST));
  }
}
