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

  /**
   * {@code time} in UTC as the seed writes it ({@code 2026-11-30T08:35:49.123456Z}). Written by
   * hand rather than by {@link DateTimeFormatter}: every answer carries several timestamps (a list
   * of 50 tasks, 300), and the formatter's general machinery cost 7% of such a request. Years
   * outside 1–9999 (never stored: see {@link #inRange}) go through the formatter.
   */
  public static String format(OffsetDateTime time) {
    return time == null ? null : format(time.toInstant());
  }

  public static String format(Instant time) {
    if (time == null) {
      return null;
    }
    java.time.LocalDateTime utc =
        java.time.LocalDateTime.ofEpochSecond(
            time.getEpochSecond(), time.getNano(), ZoneOffset.UTC);
    if (utc.getYear() < 1 || utc.getYear() > 9999) {
      return SEED_FORMAT.format(time);
    }
    return dateTime(utc, true);
  }

  /**
   * {@code 2026-03-04T05:06:07.123456} (and {@code Z} when {@code utc}), written digit by digit:
   * what an ISO formatter writes for years 0 to 9999 (callers keep other years to a formatter),
   * several times faster, which counts in a list of tasks and in a million-row export.
   */
  public static String dateTime(java.time.LocalDateTime time, boolean utc) {
    char[] text = new char[utc ? 27 : 26];
    digits(text, 0, time.getYear(), 4);
    text[4] = '-';
    digits(text, 5, time.getMonthValue(), 2);
    text[7] = '-';
    digits(text, 8, time.getDayOfMonth(), 2);
    text[10] = 'T';
    digits(text, 11, time.getHour(), 2);
    text[13] = ':';
    digits(text, 14, time.getMinute(), 2);
    text[16] = ':';
    digits(text, 17, time.getSecond(), 2);
    text[19] = '.';
    digits(text, 20, time.getNano() / 1000, 6);
    if (utc) {
      text[26] = 'Z';
    }
    return new String(text);
  }

  /** {@code value} as {@code width} decimal digits, zero-padded, at {@code at}. */
  private static void digits(char[] text, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      text[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }
}
