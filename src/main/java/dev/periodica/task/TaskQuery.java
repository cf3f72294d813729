package dev.periodica.task;

import java.util.List;

/**
 * A list of the tasks one interface created ({@code origin}) as a facade asks for it: each
 * condition keeps the tasks whose field equals one of its values, in {@code order} (then by id),
 * {@code limit} of them after {@code offset}. Only visible tasks are listed, and in one statement.
 */
public record TaskQuery(
    TaskOrigin origin, List<Condition> conditions, List<Order> order, int limit, int offset) {
  public static final int MAX_VALUES = 100;

  public TaskQuery {
    conditions = List.copyOf(conditions);
    order = List.copyOf(order);
  }

  /**
   * A field of a task a list may be filtered and sorted on. The values of a condition are of the
   * field's type: {@code UUID} (ID), {@code String} (NAME, OVERLAP code, PLACEMENT code,
   * CALENDAR_KIND), {@code Boolean} (ENABLED, REPEATING), {@code Long} (INTERVAL_SECONDS), {@code
   * OffsetDateTime} (the times), and any JSON value for ATTRIBUTE.
   */
  public enum Field {
    ID,
    NAME,
    ENABLED,
    /** Whether the task repeats: its interval is not a one-shot {@code @at}. */
    REPEATING,
    /** The fixed interval ({@code @every}) in seconds; null for cron and one-shot schedules. */
    INTERVAL_SECONDS,
    OVERLAP,
    PLACEMENT,
    START_AT,
    STOP_AT,
    /** {@code all} (no calendar), {@code work}, {@code nowork} or {@code custom} (periods). */
    CALENDAR_KIND,
    CREATED_AT,
    UPDATED_AT,
    /** A key of the task's {@code attributes}, compared as JSON. */
    ATTRIBUTE
  }

  /** {@code field} (with {@code attribute} naming the key for ATTRIBUTE) equals one of values. */
  public record Condition(Field field, String attribute, List<Object> values) {
    public Condition {
      values = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
    }
  }

  /** One ordering key. */
  public record Order(Field field, String attribute, boolean descending) {}
}
