package dev.periodica.schedule;

import dev.periodica.common.Timestamps;
import java.time.Instant;
import java.util.Optional;

/** A schedule that fires only inside an active window {@code [startAt, stopAt)}. */
final class WindowedSchedule implements Schedule {
  private final Schedule inner;
  private final Instant startAt;
  private final Instant stopAt;

  WindowedSchedule(Schedule inner, Instant startAt, Instant stopAt) {
    this.inner = inner;
    this.startAt = startAt;
    this.stopAt = stopAt;
  }

  @Override
  public Optional<Instant> nextAfter(Instant after) {
    Instant from = startAt != null && after.isBefore(startAt) ? startAt.minusNanos(1000) : after;
    return inner.nextAfter(from).filter(next -> stopAt == null || next.isBefore(stopAt));
  }

  @Override
  public String describe() {
    String text = inner.describe();
    if (startAt != null) {
      text += ", from " + Timestamps.format(startAt);
    }
    if (stopAt != null) {
      text += ", until " + Timestamps.format(stopAt);
    }
    return text;
  }
}
