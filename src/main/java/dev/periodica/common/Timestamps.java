package dev.periodica.common;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Timestamps as the seed writes them: UTC, microseconds, {@code Z}. */
public final class Timestamps {
  /**
   * The years a timestamp a caller gives may have (in UTC): earlier or later ones are mistakes, and
   * some would overflow time arithmetic or what PostgreSQL stores.
   */
  public static final int MIN_YEAR = 1970;

  public static final int MAX_YEAR = 9999;

  private static final Instant EARLIEST =
      java.time.LocalDate.of(MIN_YEAR, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);
  private static final Instant END =
      java.time.LocalDate.of(MAX_YEAR + 1, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);

  private static final DateTimeFormatter SEED_FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private Timestamps() {}

  /** Now, at the microsecond precision PostgreSQL keeps, so what we answer equals what we store. */
  public static OffsetDateTime now(Clock clock) {
    return OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
  }

  /** Whether {@code time} falls in the years {@link #MIN_YEAR} to {@link #MAX_YEAR} (UTC). */
  public static boolean inRange(Instant time) {
    return !time.isBefore(EARLIEST) && time.isBefore(END);
  }

  public static String format(OffsetDateTime time) {
    return time == null ? null : SEED_FORMAT.format(time);
  }

  public static String format(Instant time) {
    return time == null ? null : SEED_FORMAT.format(time);
  }
}
