package dev.periodica.dataset;

import dev.periodica.common.Invalid;
import io.vertx.core.json.JsonArray;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A report period: {@code ["now-1d", "now"]}, with Grafana-style rounding ({@code now-7d/d} is
 * midnight UTC seven days ago) or absolute timestamps, resolved against a reference time (the run's
 * fire time). Units: s, m, h, d, w, M (month), y; a count without a unit (the seed's {@code now-1})
 * counts days.
 */
public record Period(Instant from, Instant to) {
  private static final Pattern RELATIVE =
      Pattern.compile("now(?:([+-])(\\d{1,6})([smhdwMy])?)?(?:/([smhdwMy]))?");

  /** Resolves {@code period} (two expressions); null means "no time range". */
  public static Period resolve(JsonArray period, Instant reference) {
    if (period == null || period.isEmpty()) {
      return null;
    }
    if (period.size() != 2
        || !(period.getValue(0) instanceof String from)
        || !(period.getValue(1) instanceof String to)) {
      throw new Invalid("period should be two expressions such as [\"now-1d\", \"now\"]");
    }
    Instant start = point(from, reference);
    Instant end = point(to, reference);
    if (!start.isBefore(end)) {
      throw new Invalid("period should start before it ends");
    }
    return new Period(start, end);
  }

  /** The reference time of checks made when something is saved, before any run has one. */
  public static final Instant CHECK_REFERENCE = Instant.parse("2026-01-01T00:00:00Z");

  /** Checks {@code period} without a reference time (for saving a report or widget). */
  public static void check(JsonArray period) {
    resolve(period, CHECK_REFERENCE);
  }

  private static Instant point(String text, Instant reference) {
    Matcher relative = RELATIVE.matcher(text.trim());
    if (relative.matches()) {
      ZonedDateTime time = reference.atZone(ZoneOffset.UTC);
      if (relative.group(1) != null) {
        long amount = Long.parseLong(relative.group(2));
        // a count without a unit (the seed's "now-1") counts days
        String unit = relative.group(3) == null ? "d" : relative.group(3);
        time = shift(time, relative.group(1).equals("-") ? -amount : amount, unit);
      }
      if (relative.group(4) != null) {
        time = round(time, relative.group(4));
      }
      return time.toInstant();
    }
    try {
      return OffsetDateTime.parse(text.trim()).toInstant();
    } catch (DateTimeParseException e) {
      throw new Invalid("period has an unreadable time: " + abbreviate(text));
    }
  }

  private static ZonedDateTime shift(ZonedDateTime time, long amount, String unit) {
    return switch (unit) {
      case "s" -> time.plusSeconds(amount);
      case "m" -> time.plusMinutes(amount);
      case "h" -> time.plusHours(amount);
      case "d" -> time.plusDays(amount);
      case "w" -> time.plusWeeks(amount);
      case "M" -> time.plusMonths(amount);
      default -> time.plusYears(amount);
    };
  }

  private static ZonedDateTime round(ZonedDateTime time, String unit) {
    return switch (unit) {
      case "s" -> time.truncatedTo(ChronoUnit.SECONDS);
      case "m" -> time.truncatedTo(ChronoUnit.MINUTES);
      case "h" -> time.truncatedTo(ChronoUnit.HOURS);
      case "d" -> time.truncatedTo(ChronoUnit.DAYS);
      case "w" ->
          time.truncatedTo(ChronoUnit.DAYS)
              .with(TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
      case "M" -> time.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
      default -> time.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1);
    };
  }

  private static String abbreviate(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "…" : text;
  }
}
