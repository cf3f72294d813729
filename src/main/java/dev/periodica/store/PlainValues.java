package dev.periodica.store;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.data.Cidr;
import io.vertx.pgclient.data.Inet;
import io.vertx.pgclient.data.Interval;
import io.vertx.pgclient.data.Money;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import io.vertx.sqlclient.data.Numeric;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

/**
 * Turns the driver's values into the plain Java values {@link dev.periodica.dataset.RowSink}
 * promises, so that nothing outside {@code store} sees a driver type: numbers as JDK numbers,
 * timestamps in UTC, JSON as Vert.x JSON, arrays as lists, and the rest as PostgreSQL-like text.
 */
final class PlainValues {
  private static final HexFormat HEX = HexFormat.of();

  /**
   * What the driver makes of {@code -infinity} in a timestamp: PostgreSQL's epoch (2000) plus the
   * smallest 64-bit count of microseconds, a time some 290,000 years BC, where {@code infinity}
   * comes as the largest value.
   */
  private static final Instant MINUS_INFINITY =
      Instant.parse("2000-01-01T00:00:00Z").plus(Long.MIN_VALUE, ChronoUnit.MICROS);

  private PlainValues() {}

  /** The values of {@code row}, leaving out the columns at {@code skipped}. */
  static List<Object> of(Row row, boolean[] skipped) {
    Object[] values = new Object[row.size() - count(skipped)];
    int j = 0;
    for (int i = 0; i < row.size(); i++) {
      if (i >= skipped.length || !skipped[i]) {
        values[j++] = plain(row.getValue(i));
      }
    }
    return Collections.unmodifiableList(Arrays.asList(values));
  }

  /**
   * About the memory {@code values} take, in bytes: text by its length, JSON by its entries, other
   * values a fixed amount. Only batch sizes are chosen by it, so rough is fine.
   */
  static long weight(List<?> values) {
    long bytes = 16;
    for (Object value : values) {
      if (value instanceof String text) {
        bytes += 40 + text.length();
      } else if (value instanceof JsonObject object) {
        bytes += 64 + 64L * object.size();
      } else if (value instanceof JsonArray array) {
        bytes += 64 + 64L * array.size();
      } else if (value instanceof List<?> list) {
        bytes += weight(list);
      } else {
        bytes += 24;
      }
    }
    return bytes;
  }

  private static int count(boolean[] skipped) {
    int n = 0;
    for (boolean skip : skipped) {
      n += skip ? 1 : 0;
    }
    return n;
  }

  static Object plain(Object value) {
    if (value == null
        || value == Tuple.JSON_NULL
        || value instanceof String
        || value instanceof Boolean
        || value instanceof Short
        || value instanceof Integer
        || value instanceof Long
        || value instanceof Float
        || value instanceof Double
        || value instanceof BigDecimal
        || value instanceof LocalDate
        || value instanceof LocalTime
        || value instanceof OffsetTime
        || value instanceof JsonObject
        || value instanceof JsonArray) {
      return value == Tuple.JSON_NULL ? null : value;
    }
    if (value instanceof OffsetDateTime time) {
      // infinity and -infinity come as the extremes; keep them, as the writers name them
      if (time.toInstant().equals(MINUS_INFINITY)) {
        return OffsetDateTime.MIN;
      }
      return time.equals(OffsetDateTime.MAX) || time.equals(OffsetDateTime.MIN)
          ? time
          : time.withOffsetSameInstant(ZoneOffset.UTC);
    }
    if (value instanceof LocalDateTime time) {
      return time.toInstant(ZoneOffset.UTC).equals(MINUS_INFINITY) ? LocalDateTime.MIN : time;
    }
    if (value instanceof Inet inet) {
      return address(inet.getAddress(), inet.getNetmask(), false);
    }
    if (value instanceof Cidr cidr) {
      return address(cidr.getAddress(), cidr.getNetmask(), true);
    }
    if (value instanceof Numeric numeric) {
      BigDecimal decimal = numeric.isNaN() ? null : numeric.bigDecimalValue();
      return decimal != null ? decimal : (Object) numeric.doubleValue();
    }
    if (value instanceof Money money) {
      return money.bigDecimalValue();
    }
    if (value instanceof Buffer buffer) {
      return "\\x" + HEX.formatHex(buffer.getBytes());
    }
    if (value instanceof Interval interval) {
      return iso(interval);
    }
    if (value.getClass().isArray()) {
      Object[] items = new Object[Array.getLength(value)];
      for (int i = 0; i < items.length; i++) {
        items[i] = plain(Array.get(value, i));
      }
      return Collections.unmodifiableList(Arrays.asList(items));
    }
    return value.toString();
  }

  /**
   * An {@code inet} or {@code cidr} as PostgreSQL writes it: IPv6 with its longest run of zero
   * groups as {@code ::}; the prefix length always for cidr, for inet only when it is not the whole
   * address.
   */
  static String address(InetAddress address, Integer netmask, boolean cidr) {
    String text;
    if (address instanceof Inet6Address) {
      text = ipv6(address.getAddress());
    } else {
      text = address.getHostAddress();
    }
    int bits = address.getAddress().length * 8;
    int prefix = netmask == null ? bits : netmask;
    return cidr || prefix != bits ? text + "/" + prefix : text;
  }

  private static String ipv6(byte[] bytes) {
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLength = 1; // a single zero group is not shortened
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        text.append("::");
        i += bestLength - 1;
        continue;
      }
      if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
        text.append(':');
      }
      text.append(Integer.toHexString(groups[i]));
    }
    return text.toString();
  }

  /** An interval in ISO-8601 ({@code P1Y2M3DT4H5M6.5S}). */
  static String iso(Interval interval) {
    StringBuilder text = new StringBuilder("P");
    if (interval.getYears() != 0) {
      text.append(interval.getYears()).append('Y');
    }
    if (interval.getMonths() != 0) {
      text.append(interval.getMonths()).append('M');
    }
    if (interval.getDays() != 0) {
      text.append(interval.getDays()).append('D');
    }
    long micros =
        ((interval.getHours() * 60L + interval.getMinutes()) * 60L + interval.getSeconds())
                * 1_000_000L
            + interval.getMicroseconds();
    if (micros != 0 || text.length() == 1) {
      text.append('T');
      long hours = micros / 3_600_000_000L;
      long minutes = micros / 60_000_000L % 60;
      BigDecimal seconds = BigDecimal.valueOf(micros % 60_000_000L, 6).stripTrailingZeros();
      if (hours != 0) {
        text.append(hours).append('H');
      }
      if (minutes != 0) {
        text.append(minutes).append('M');
      }
      if (seconds.signum() != 0 || (hours == 0 && minutes == 0)) {
        text.append(seconds.toPlainString()).append('S');
      }
    }
    return text.toString();
  }
}
