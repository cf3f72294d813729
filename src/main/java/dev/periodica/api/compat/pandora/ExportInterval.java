package dev.periodica.api.compat.pandora;

import dev.periodica.common.Invalid;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A Pandora schedule ({@code interval}): a {@code crontab} (Quartz, 6 or 7 fields with seconds) or
 * a {@code cronDate} (a frequency with the month, date, hour and minute it uses), turned into the
 * Quartz cron periodica stores. {@code date} is a day of the week (1 Monday … 7 Sunday) for {@code
 * weekly} and a day of the month for {@code month}, {@code quarter} and {@code year}, 32 meaning
 * the last day; {@code month} is a month of the quarter (1–3) or of the year.
 */
record ExportInterval(String type, String crontab, CronDate cronDate) {
  static final List<String> FREQUENCIES =
      List.of("minute", "hour", "day", "weekly", "month", "quarter", "year");
  static final int LAST_DAY = 32;
  private static final List<String> WEEKDAYS =
      List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");
  private static final Pattern DIGITS = Pattern.compile("\\s*\\d{1,9}\\s*");

  /** The cronDate fields, with their defaults filled in. */
  record CronDate(String frequency, int month, int date, int hour, int minute) {}

  /** Reads {@code interval}, throwing {@link Invalid} with the field to fix. */
  static ExportInterval read(Object value) {
    if (!(value instanceof JsonObject interval)) {
      throw new Invalid(
          value == null
              ? PandoraMessages.required("interval")
              : "interval must be an object with type and crontab or cronDate");
    }
    Object type = interval.getValue("type");
    if ("crontab".equals(type)) {
      Object crontab = interval.getValue("crontab");
      if (crontab == null || (crontab instanceof String text && text.isBlank())) {
        throw new Invalid(PandoraMessages.CRONTAB_REQUIRED);
      }
      if (!(crontab instanceof String text)
          || text.length() > 255
          || text.indexOf('\u0000') >= 0
          || !(text.trim().split("\\s+").length == 6 || text.trim().split("\\s+").length == 7)) {
        throw new Invalid(PandoraMessages.CRONTAB_INVALID);
      }
      return new ExportInterval("crontab", text.trim(), null);
    }
    if ("cronDate".equals(type)) {
      if (!(interval.getValue("cronDate") instanceof JsonObject cronDate)) {
        throw new Invalid(PandoraMessages.CRONDATE_REQUIRED);
      }
      return new ExportInterval("cronDate", null, cronDate(cronDate));
    }
    throw new Invalid(PandoraMessages.INTERVAL_TYPE);
  }

  private static CronDate cronDate(JsonObject body) {
    Object frequency = body.getValue("frequency");
    if (frequency == null || "".equals(frequency)) {
      frequency = "day";
    }
    if (!(frequency instanceof String name) || !FREQUENCIES.contains(name)) {
      throw new Invalid(PandoraMessages.oneOf("interval.cronDate.frequency", FREQUENCIES));
    }
    boolean weekly = name.equals("weekly");
    int month = number(body, "month", name.equals("quarter") ? 3 : 12);
    int date = number(body, "date", weekly ? 7 : LAST_DAY);
    return new CronDate(
        name, month, date, number(body, "hour", 0, 23), number(body, "minute", 0, 59));
  }

  private static int number(JsonObject body, String key, int max) {
    return number(body, key, 1, max);
  }

  /** An integer or a string of digits, as Pandora's callers send either; absent or "" = default. */
  private static int number(JsonObject body, String key, int min, int max) {
    Object value = body.getValue(key);
    if (value == null || "".equals(value)) {
      return min;
    }
    long number;
    if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      number = (long) n.doubleValue();
    } else if (value instanceof String text && DIGITS.matcher(text).matches()) {
      number = Long.parseLong(text.trim());
    } else {
      number = Long.MIN_VALUE;
    }
    if (number < min || number > max) {
      throw new Invalid(PandoraMessages.integer("interval.cronDate." + key, min, max));
    }
    return (int) number;
  }

  /** The Quartz cron (seconds first) periodica stores for this schedule. */
  String cron() {
    if (cronDate == null) {
      return crontab;
    }
    CronDate c = cronDate;
    String day = c.date() == LAST_DAY ? "L" : String.valueOf(c.date());
    String at = "0 " + c.minute() + " " + c.hour() + " ";
    return switch (c.frequency()) {
      case "minute" -> "0 * * * * ?";
      case "hour" -> "0 " + c.minute() + " * * * ?";
      case "day" -> at + "* * ?";
      case "weekly" -> at + "? * " + WEEKDAYS.get(c.date() - 1);
      case "month" -> at + day + " * ?";
      case "quarter" ->
          at
              + day
              + " "
              + c.month()
              + ","
              + (c.month() + 3)
              + ","
              + (c.month() + 6)
              + ","
              + (c.month() + 9)
              + " ?";
      default -> at + day + " " + c.month() + " ?";
    };
  }

  /** As the list shows it: the cronDate fields as numbers, defaults filled in. */
  JsonObject toJson() {
    JsonObject json = new JsonObject().put("type", type);
    if (cronDate == null) {
      return json.put("crontab", crontab);
    }
    return json.put(
        "cronDate",
        new JsonObject()
            .put("frequency", cronDate.frequency())
            .put("month", cronDate.month())
            .put("date", cronDate.date())
            .put("hour", cronDate.hour())
            .put("minute", cronDate.minute()));
  }
}
