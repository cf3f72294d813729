package dev.periodica.task;

import java.util.List;

/**
 * A listing of the run queue or of the tasks, filtered by conditions on the listed object and on
 * its related ones (a run's task and report; a task's runs and report), sorted and paged: what the
 * JSON:API facade (seed 001) asks for. The values of each condition are already typed and checked
 * ({@code Long}, {@code java.util.UUID}, {@code String}, {@code java.time.OffsetDateTime}, {@code
 * Boolean}, or null meaning "no value"); the store turns each into bound parameters, never SQL
 * text. Conditions are ANDed; a task listing's conditions on runs are met by one run matching all.
 */
public record QueueQuery(List<Condition> conditions, List<Order> sort, int limit, int offset) {
  public QueueQuery {
    conditions = List.copyOf(conditions);
    sort = List.copyOf(sort);
  }

  /** The object a condition is about. */
  public enum Subject {
    RUN,
    TASK,
    REPORT
  }

  /**
   * The fields one may filter or sort on. {@code ID}, {@code REPORT} and {@code TASK} take a number
   * (a run's id, a report's or task's {@code number}) or, for reports and tasks, a uuid. {@code
   * TYPE} is {@code user_task} for a task of origin {@code user_request}, else {@code periodic}.
   */
  public enum Field {
    ID,
    PROGRESS,
    STATUS,
    CREATED,
    STARTED,
    ENDED,
    TYPE,
    INTERVAL,
    INSTANCE,
    ENABLED,
    NAME,
    REPORT,
    TASK
  }

  public enum Op {
    EQ,
    NE,
    GT,
    GE,
    LT,
    LE,
    IN
  }

  /** {@code values} has one value except for {@code IN}; a null value only with EQ or NE. */
  public record Condition(Subject subject, Field field, Op op, List<Object> values) {
    public Condition {
      values = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
    }
  }

  public record Order(Field field, boolean descending) {}
}
