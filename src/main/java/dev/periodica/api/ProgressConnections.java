package dev.periodica.api;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live-progress connections of the whole process, counted per user. One instance is shared by
 * every API verticle (each on its own event loop), so a user's cap holds however the connections
 * are spread; it also counts the replies dropped because a client was not reading, and the
 * notifications folded because a visibility check kept too many waiting.
 */
public final class ProgressConnections {
  private final int maxPerUser;
  private final Map<UUID, Integer> open = new ConcurrentHashMap<>();
  private final Counter dropped;
  private final Counter folded;

  public ProgressConnections(int maxPerUser, MeterRegistry registry) {
    this.maxPerUser = maxPerUser;
    this.dropped =
        Counter.builder("periodica.ws.replies.dropped")
            .description("WebSocket replies dropped because the client was not reading")
            .register(registry);
    this.folded =
        Counter.builder("periodica.ws.notifications.folded")
            .description(
                "run notifications folded into each run's latest event on a connection because"
                    + " too many waited for a visibility check")
            .register(registry);
    Gauge.builder("periodica.ws.connections", open, connections -> total())
        .description("open live-progress WebSocket connections")
        .register(registry);
  }

  int maxPerUser() {
    return maxPerUser;
  }

  /** Counts a new connection of {@code user}; false, counting nothing, when they hold the cap. */
  boolean tryOpen(UUID user) {
    boolean[] opened = {false};
    open.compute(
        user,
        (key, count) -> {
          int current = count == null ? 0 : count;
          if (current >= maxPerUser) {
            return count;
          }
          opened[0] = true;
          return current + 1;
        });
    return opened[0];
  }

  /** A connection counted by {@link #tryOpen} is gone. */
  void closed(UUID user) {
    open.computeIfPresent(user, (key, count) -> count <= 1 ? null : count - 1);
  }

  void droppedReply() {
    dropped.increment();
  }

  void foldedNotification() {
    folded.increment();
  }

  private double total() {
    return open.values().stream().mapToInt(Integer::intValue).sum();
  }
}
