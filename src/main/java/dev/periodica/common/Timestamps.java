package dev.periodica.common;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Timestamps as the seed writes them: UTC, microseconds, {@code Z}. */
public final class Timestamps {
  private static final DateTimeFormatter SEED_FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private Timestamps() {}

  /** Now, at the microsecond precision PostgreSQL keeps, so what we answer equals what we store. */
  public static OffsetDateTime now(Clock clock) {
    return OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
  }

  public static String format(OffsetDateTime time) {
    return time == null ? null : SEED_FORMAT.format(time);
  }

  public static String format(Instant time) {
    return time == null ? null : SEED_FORMAT.format(time);
  }
}
