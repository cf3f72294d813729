package dev.periodica.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Every {@code period}, counted from {@code anchor}; time zones do not matter to it. */
final class FixedIntervalSchedule implements Schedule {
  private final Duration period;
  private final Instant anchor;

  FixedIntervalSchedule(Duration period, Instant anchor) {
    this.period = period;
    this.anchor = anchor;
  }

  @Override
  public Optional<Instant> nextAfter(Instant after) {
    if (after.isBefore(anchor)) {
      return Optional.of(anchor);
    }
    long periods = Duration.between(anchor, after).toMillis() / period.toMillis() + 1;
    return Optional.of(anchor.plus(period.multipliedBy(periods)));
  }

  @Override
  public String describe() {
    long seconds = period.getSeconds();
    if (seconds % 86_400 == 0) {
      return every(seconds / 86_400, "day");
    }
    if (seconds % 3600 == 0) {
      return every(seconds / 3600, "hour");
    }
    if (seconds % 60 == 0) {
      return every(seconds / 60, "minute");
    }
    return every(seconds, "second");
  }

  private static String every(long count, String unit) {
    return count == 1 ? "every " + unit : "every " + count + " " + unit + "s";
  }
}
