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

  /** Set by {@link #close}: the subscriber's close is then the server stopping, not a failure. */
  private volatile boolean closing;

  private PgNotifications(PgSubscriber subscriber) {
    this.subscriber = subscriber;
  }

  public static Future<PgNotifications> start(Vertx vertx, PgConnectOptions options) {
    PgSubscriber subscriber = PgSubscriber.subscriber(vertx, options);
    subscriber.reconnectPolicy(retries -> retries < 1000 ? 1000L : -1L);
    var bus = vertx.eventBus();
    PgNotifications notifications = new PgNotifications(subscriber);
    subscriber.closeHandler(
        v -> {
          if (notifications.closing) {
            LOG.info("run notifications stopped with the server");
            return;
          }
          // called only once the reconnection policy gives up, not on each disconnection
          LOG.warn("run notifications disconnected for good; no longer reconnecting");
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
        // (re)subscribed: after a reconnection the events sent while nobody listened are lost
        // (on the first connection, no subscriber is there yet to be told)
        .subscribeHandler(v -> bus.publish(Addresses.RUN_EVENTS_RESUMED, ""))
        .handler(
            // one message per notification: the subscribers' hub writes a statement's events to
            // each connection as one batch
            payload -> bus.publish(Addresses.RUN_EVENTS, payload));
    subscriber
        .channel(ACCESS_CHANNEL)
        // (re)subscribed: on the first connection and on each reconnection, after a database
        // restart or a network blip. Changes of access committed while nobody listened were never
        // announced, and the answers cached before them would be trusted until they expire:
        // forget them now that every later change will be heard (set before the handler, which
        // subscribes)
        .subscribeHandler(v -> bus.publish(Addresses.ACCESS_CHANGED, ""))
        .handler(payload -> bus.publish(Addresses.ACCESS_CHANGED, payload));
    return subscriber.connect().map(v -> notifications);
  }

  /** The ids of the runs stopped by one statement, comma-separated. */
  static java.util.List<String> stoppedRuns(String payload) {
    return java.util.Arrays.stream(payload.split(","))
        .map(String::strip)
        .filter(id -> !id.isEmpty())
        .toList();
  }

  public Future<Void> close() {
    closing = true;
    return subscriber.close();
  }
}
