package dev.periodica.render;

import dev.periodica.common.Timestamps;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.List;

/**
 * The text of a table value, the same in every format: numbers as PostgreSQL writes them (no
 * exponent for decimals), timestamps in ISO-8601 with microseconds (with time zone: in UTC, ending
 * in {@code Z}), PostgreSQL's {@code infinity} and {@code -infinity}, JSON and lists as JSON text.
 */
final class CellText {
  private static final DateTimeFormatter INSTANT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter LOCAL_DATE_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");
  private static final DateTimeFormatter LOCAL_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd");
  private static final DateTimeFormatter LOCAL_TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS");
  private static final DateTimeFormatter OFFSET_TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSSXXX");

  private CellText() {}

  /** The text of {@code value}; null for null. */
  static String of(Object value) {
    if (value == null || value instanceof String) {
      return (String) value;
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    if (value instanceof Double || value instanceof Float) {
      return floating(((Number) value).doubleValue());
    }
    if (value instanceof TemporalAccessor time) {
      return temporal(time);
    }
    if (value instanceof JsonObject object) {
      return object.encode();
    }
    if (value instanceof JsonArray array) {
      return array.encode();
    }
    if (value instanceof List<?> list) {
      StringBuilder json = new StringBuilder();
      JsonText.appendValue(json, list);
      return json.toString();
    }
    return value.toString();
  }

  private static boolean plainYear(int year) {
    return year >= 0 && year <= 9999;
  }

  /** Whether {@code value} is a number that JSON and spreadsheets can hold as one. */
  static boolean isFiniteNumber(Object value) {
    if (value instanceof Double number) {
      return Double.isFinite(number);
    }
    if (value instanceof Float number) {
      return Float.isFinite(number);
    }
    return value instanceof Number;
  }

  /** As PostgreSQL prints a float: {@code NaN}, {@code Infinity}, and integers without ".0". */
  static String floating(double number) {
    if (Double.isNaN(number)) {
      return "NaN";
    }
    if (Double.isInfinite(number)) {
      return number > 0 ? "Infinity" : "-Infinity";
    }
    if (number == Math.rint(number) && Math.abs(number) < 1e15) {
      return number == 0 && 1 / number < 0 ? "-0" : Long.toString((long) number);
    }
    return Double.toString(number);
  }

  /** A number's JSON text: integers and decimals exactly, floats as {@link #floating}. */
  static String number(Number number) {
    if (number instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    if (number instanceof Double || number instanceof Float) {
      return floating(number.doubleValue());
    }
    return number.toString();
  }

  private static String temporal(TemporalAccessor time) {
    if (time instanceof OffsetDateTime stamp) {
      if (stamp.getOffset().equals(ZoneOffset.UTC) && plainYear(stamp.getYear())) {
        return Timestamps.dateTime(stamp.toLocalDateTime(), true);
      }
      return stamp.equals(OffsetDateTime.MAX)
          ? "infinity"
          : stamp.equals(OffsetDateTime.MIN) ? "-infinity" : INSTANT.format(stamp);
    }
    if (time instanceof LocalDateTime stamp) {
      if (plainYear(stamp.getYear())) {
        return Timestamps.dateTime(stamp, false);
      }
      return stamp.equals(LocalDateTime.MAX)
          ? "infinity"
          : stamp.equals(LocalDateTime.MIN) ? "-infinity" : LOCAL_DATE_TIME.format(stamp);
    }
    if (time instanceof LocalDate date) {
      return date.equals(LocalDate.MAX)
          ? "infinity"
          : date.equals(LocalDate.MIN) ? "-infinity" : LOCAL_DATE.format(date);
    }
    if (time instanceof LocalTime clock) {
      return LOCAL_TIME.format(clock);
    }
    if (time instanceof OffsetTime clock) {
      return OFFSET_TIME.format(clock);
    }
    if (time instanceof java.time.Instant instant) {
      return INSTANT.format(instant);
    }
    return time.toString();
  }
}
