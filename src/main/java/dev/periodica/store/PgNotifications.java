package dev.periodica.store;

import dev.periodica.bus.Addresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens to the database's run notifications and republishes them on this instance's event bus, so
 * that what happens on any instance reaches the workers and subscribers of every instance. The
 * subscriber reconnects by itself after a database restart.
 */
public final class PgNotifications {
  static final String EVENTS_CHANNEL = "periodica_run_events";
  static final String STOPPED_CHANNEL = "periodica_run_stopped";
  static final String ACCESS_CHANNEL = "periodica_access";
  private static final Logger LOG = LoggerFactory.getLogger(PgNotifications.class);
  private final PgSubscriber subscriber;

  private PgNotifications(PgSubscriber subscriber) {
    this.subscriber = subscriber;
  }

  public static Future<PgNotifications> start(Vertx vertx, PgConnectOptions options) {
    PgSubscriber subscriber = PgSubscriber.subscriber(vertx, options);
    subscriber.reconnectPolicy(retries -> retries < 1000 ? 1000L : -1L);
    var bus = vertx.eventBus();
    subscriber.closeHandler(
        v -> {
          LOG.warn("run notifications disconnected; reconnecting");
          // changes of access while disconnected would go unnoticed: forget what was cached
          bus.publish(Addresses.ACCESS_CHANGED, "");
        });
    subscriber
        .channel(PgDueTaskRepository.RUNS_CHANNEL)
        .handler(payload -> bus.publish(Addresses.RUNS_AVAILABLE, payload));
    subscriber
        .channel(STOPPED_CHANNEL)
        .handler(
            payload -> stoppedRuns(payload).forEach(id -> bus.publish(Addresses.RUN_STOPPED, id)));
    subscriber
        .channel(EVENTS_CHANNEL)
        .handler(
            payload -> runEvents(payload).forEach(run -> bus.publish(Addresses.RUN_EVENTS, run)));
    subscriber
        .channel(ACCESS_CHANNEL)
        .handler(payload -> bus.publish(Addresses.ACCESS_CHANGED, payload));
    return subscriber.connect().map(v -> new PgNotifications(subscriber));
  }

  /**
   * The run events of one notification, each as its own JSON text: the database announces the rows
   * a statement changed together, as an array (V17); a single object is one event.
   */
  static java.util.List<String> runEvents(String payload) {
    String trimmed = payload.strip();
    if (!trimmed.startsWith("[")) {
      return java.util.List.of(trimmed);
    }
    try {
      io.vertx.core.json.JsonArray events = new io.vertx.core.json.JsonArray(trimmed);
      java.util.List<String> texts = new java.util.ArrayList<>(events.size());
      for (Object event : events) {
        texts.add(io.vertx.core.json.Json.encode(event));
      }
      return texts;
    } catch (io.vertx.core.json.DecodeException e) {
      LOG.warn("ignored a run notification that is not JSON: {}", e.getMessage());
      return java.util.List.of();
    }
  }

  /** The ids of the runs stopped by one statement, comma-separated. */
  static java.util.List<String> stoppedRuns(String payload) {
    return java.util.Arrays.stream(payload.split(","))
        .map(String::strip)
        .filter(id -> !id.isEmpty())
        .toList();
  }

  public Future<Void> close() {
    return subscriber.close();
  }
}
