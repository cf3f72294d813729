package dev.periodica.schedule;

import dev.periodica.common.Timestamps;
import java.time.Instant;
import java.util.Optional;

/** Fires once, at {@code at}. */
final class OneShotSchedule implements Schedule {
  private final Instant at;

  OneShotSchedule(Instant at) {
    this.at = at;
  }

  @Override
  public Optional<Instant> nextAfter(Instant after) {
    return at.isAfter(after) ? Optional.of(at) : Optional.empty();
  }

  @Override
  public String describe() {
    return "once at " + Timestamps.format(at);
  }
}
