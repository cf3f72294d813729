package dev.periodica.schedule;

import dev.periodica.common.Invalid;
import dev.periodica.common.Messages;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a task's {@code calendar}: a name ({@code work}, the deployment's working hours; {@code
 * nowork}, their complement; {@code all}, no restriction) or an object of {@code periods} (days of
 * the week with local {@code from}/{@code to} times) and {@code exclude_dates}. Every mistake is an
 * {@link Invalid} naming the field.
 */
public final class Calendars {
  public static final String WORK = "work";
  public static final String NOWORK = "nowork";
  public static final String ALL = "all";
  static final int MAX_PERIODS = 100;
  static final int MAX_EXCLUDED = 1000;

  /** Monday to Friday, 09:00 to 18:00: the {@code WORK_CALENDAR} default. */
  public static final JsonObject DEFAULT_WORK =
      new JsonObject()
          .put(
              "periods",
              new JsonArray()
                  .add(
                      new JsonObject()
                          .put("days", "MON-FRI")
                          .put("from", "09:00")
                          .put("to", "18:00")))
          .put("exclude_dates", new JsonArray());

  private final WorkCalendar work;

  /** With the default working hours, Monday to Friday 09:00-18:00. */
  public static Calendars defaults() {
    return new Calendars(parse(DEFAULT_WORK, "WORK_CALENDAR"));
  }

  /** {@code work} is the deployment's working-hours calendar, the one named {@code work}. */
  public Calendars(WorkCalendar work) {
    this.work = work;
  }

  /** The calendar {@code spec} names or describes; null (no calendar) is {@code all}. */
  public WorkCalendar resolve(Object spec) {
    if (spec == null) {
      return WorkCalendar.ALL;
    }
    if (spec instanceof String name) {
      return switch (name) {
        case WORK -> work;
        case NOWORK -> work.complement();
        case ALL -> WorkCalendar.ALL;
        default -> throw new Invalid(Messages.CALENDAR_SHAPE);
      };
    }
    if (spec instanceof JsonObject object) {
      return parse(object, "calendar");
    }
    throw new Invalid(Messages.CALENDAR_SHAPE);
  }

  /**
   * Throws {@link Invalid} naming what is wrong with {@code spec}: null, a known name, or an object
   * of periods and excluded dates.
   */
  public static void check(Object spec) {
    if (spec == null || WORK.equals(spec) || NOWORK.equals(spec) || ALL.equals(spec)) {
      return;
    }
    if (spec instanceof JsonObject object) {
      parse(object, "calendar");
      return;
    }
    throw new Invalid(Messages.CALENDAR_SHAPE);
  }

  /** How a calendar reads in a schedule's description; null when there is none. */
  public static String describe(Object spec) {
    if (spec == null || ALL.equals(spec)) {
      return null;
    }
    if (WORK.equals(spec)) {
      return "during working hours";
    }
    if (NOWORK.equals(spec)) {
      return "outside working hours";
    }
    return "within the task's calendar";
  }

  /** A calendar object: {@code periods} and {@code exclude_dates}; {@code field} names it. */
  public static WorkCalendar parse(JsonObject spec, String field) {
    for (String key : spec.fieldNames()) {
      if (!key.equals("periods") && !key.equals("exclude_dates")) {
        throw new Invalid(
            field + " has an unknown field " + key + " (known: periods, exclude_dates)");
      }
    }
    Object periodsValue = spec.getValue("periods");
    if (!(periodsValue instanceof JsonArray periods) || periods.isEmpty()) {
      throw new Invalid(field + ".periods should be a non-empty list of periods");
    }
    if (periods.size() > MAX_PERIODS) {
      throw new Invalid(field + ".periods should have at most " + MAX_PERIODS + " periods");
    }
    List<WorkCalendar.Period> parsed = new ArrayList<>();
    for (int i = 0; i < periods.size(); i++) {
      String at = field + ".periods[" + i + "]";
      if (!(periods.getValue(i) instanceof JsonObject period)) {
        throw new Invalid(at + " should be an object with days, from and to");
      }
      for (String key : period.fieldNames()) {
        if (!key.equals("days") && !key.equals("from") && !key.equals("to")) {
          throw new Invalid(at + " has an unknown field " + key + " (known: days, from, to)");
        }
      }
      LocalTime from = time(period.getValue("from"), at + ".from", false);
      boolean endOfDay = "24:00".equals(period.getValue("to"));
      LocalTime to = endOfDay ? LocalTime.MIDNIGHT : time(period.getValue("to"), at + ".to", true);
      if (!endOfDay && to.equals(from)) {
        throw new Invalid(at + ".to should differ from from (use 00:00 to 24:00 for a whole day)");
      }
      for (DayOfWeek day : days(period.getValue("days"), at + ".days")) {
        parsed.add(new WorkCalendar.Period(day, from, to, endOfDay));
      }
    }
    return WorkCalendar.of(parsed, excluded(spec.getValue("exclude_dates"), field));
  }

  private static Set<LocalDate> excluded(Object value, String field) {
    if (value == null) {
      return Set.of();
    }
    if (!(value instanceof JsonArray dates) || dates.size() > MAX_EXCLUDED) {
      throw new Invalid(
          field + ".exclude_dates should be a list of at most " + MAX_EXCLUDED + " dates");
    }
    Set<LocalDate> parsed = new LinkedHashSet<>();
    for (int i = 0; i < dates.size(); i++) {
      try {
        parsed.add(LocalDate.parse((String) dates.getValue(i)));
      } catch (DateTimeParseException | ClassCastException | NullPointerException e) {
        throw new Invalid(field + ".exclude_dates[" + i + "] should be a date such as 2026-12-31");
      }
    }
    return parsed;
  }

  private static LocalTime time(Object value, String field, boolean allowEnd) {
    if (value instanceof String text && text.matches("\\d{2}:\\d{2}(:\\d{2})?")) {
      try {
        return LocalTime.parse(text);
      } catch (DateTimeParseException e) {
        // answered below
      }
    }
    throw new Invalid(
        field + " should be a local time such as 09:00" + (allowEnd ? " (or 24:00)" : ""));
  }

  /** {@code ["MON", "TUE"]}, {@code "MON-FRI"}, {@code "SAT"} or full names, any case. */
  private static Set<DayOfWeek> days(Object value, String field) {
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    List<Object> items =
        value instanceof JsonArray array
            ? array.getList()
            : value == null ? List.of() : List.of(value);
    for (Object item : items) {
      if (!(item instanceof String text)) {
        throw new Invalid(field + Messages.DAYS_RULE);
      }
      String[] range = text.split("-", -1);
      if (range.length == 2) {
        DayOfWeek first = day(range[0], field);
        DayOfWeek last = day(range[1], field);
        for (DayOfWeek d = first; ; d = d.plus(1)) {
          days.add(d);
          if (d == last) {
            break;
          }
        }
      } else if (range.length == 1) {
        days.add(day(text, field));
      } else {
        throw new Invalid(field + Messages.DAYS_RULE);
      }
    }
    if (days.isEmpty()) {
      throw new Invalid(field + Messages.DAYS_RULE);
    }
    return days;
  }

  private static DayOfWeek day(String text, String field) {
    String name = text.trim().toUpperCase(Locale.ROOT);
    for (DayOfWeek day : DayOfWeek.values()) {
      if (day.name().equals(name) || day.name().substring(0, 3).equals(name)) {
        return day;
      }
    }
    throw new Invalid(field + Messages.DAYS_RULE);
  }
}
