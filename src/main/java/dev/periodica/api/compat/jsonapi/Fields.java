package dev.periodica.api.compat.jsonapi;

import dev.periodica.task.QueueQuery.Field;
import dev.periodica.task.QueueQuery.Subject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fields of the three resource types as the seed names them, with the kind of value each takes:
 * what a filter may name and how its values read.
 */
final class Fields {
  /** How a field's values read and which operators apply. */
  enum Kind {
    /** A run's id: a positive number. */
    RUN_ID(true, "a positive integer"),
    /** A report's or task's id: its number, or its uuid (uuids only with eq, ne, in). */
    REF(true, "a number or a uuid"),
    INT(true, "an integer"),
    STATUS(false, "one of new, in_action, complete, cancel, error, need_restart, cancel_too_long"),
    DATE(true, "a time such as '2022-06-15T14:04:55Z' or a date '2022-06-15'"),
    TYPE(false, "user_task or periodic"),
    TEXT(true, "a quoted string"),
    UUID(false, "a uuid"),
    BOOL(false, "true or false");

    final boolean ordered;
    final String expected;

    Kind(boolean ordered, String expected) {
      this.ordered = ordered;
      this.expected = expected;
    }
  }

  record Spec(String name, Field field, Kind kind, boolean nullable) {}

  static final String QUEUE = "reportQueue";
  static final String TASK = "reportTask";
  static final String REPORT = "report";

  private static final Map<String, Spec> QUEUE_FIELDS = new LinkedHashMap<>();
  private static final Map<String, Spec> TASK_FIELDS = new LinkedHashMap<>();
  private static final Map<String, Spec> REPORT_FIELDS = new LinkedHashMap<>();

  static {
    put(QUEUE_FIELDS, "id", Field.ID, Kind.RUN_ID, false);
    put(QUEUE_FIELDS, "Progress", Field.PROGRESS, Kind.INT, false);
    put(QUEUE_FIELDS, "Status", Field.STATUS, Kind.STATUS, false);
    put(QUEUE_FIELDS, "DateOfCreation", Field.CREATED, Kind.DATE, false);
    put(QUEUE_FIELDS, "StartDate", Field.STARTED, Kind.DATE, true);
    put(QUEUE_FIELDS, "EndDate", Field.ENDED, Kind.DATE, true);
    put(QUEUE_FIELDS, "Report", Field.REPORT, Kind.REF, true);
    put(QUEUE_FIELDS, "ReportTask", Field.TASK, Kind.REF, false);
    put(QUEUE_FIELDS, "Task", Field.TASK, Kind.REF, false);
    put(TASK_FIELDS, "id", Field.ID, Kind.REF, false);
    put(TASK_FIELDS, "Name", Field.NAME, Kind.TEXT, true);
    put(TASK_FIELDS, "Type", Field.TYPE, Kind.TYPE, false);
    put(TASK_FIELDS, "Interval", Field.INTERVAL, Kind.TEXT, false);
    put(TASK_FIELDS, "Instance", Field.INSTANCE, Kind.UUID, false);
    put(TASK_FIELDS, "Enabled", Field.ENABLED, Kind.BOOL, false);
    put(TASK_FIELDS, "DateOfCreation", Field.CREATED, Kind.DATE, false);
    put(TASK_FIELDS, "Report", Field.REPORT, Kind.REF, true);
    put(REPORT_FIELDS, "id", Field.ID, Kind.REF, false);
    put(REPORT_FIELDS, "Name", Field.NAME, Kind.TEXT, false);
    put(REPORT_FIELDS, "DateOfCreation", Field.CREATED, Kind.DATE, false);
  }

  /** The fields a queue listing sorts on, and a task listing. */
  static final Map<String, Field> QUEUE_SORT =
      Map.of(
          "id", Field.ID,
          "Progress", Field.PROGRESS,
          "Status", Field.STATUS,
          "DateOfCreation", Field.CREATED,
          "StartDate", Field.STARTED,
          "EndDate", Field.ENDED);

  static final Map<String, Field> TASK_SORT =
      Map.of(
          "id", Field.ID,
          "Name", Field.NAME,
          "Type", Field.TYPE,
          "Interval", Field.INTERVAL,
          "Enabled", Field.ENABLED,
          "DateOfCreation", Field.CREATED);

  private Fields() {}

  private static void put(Map<String, Spec> map, String name, Field field, Kind kind, boolean n) {
    map.put(name, new Spec(name, field, kind, n));
  }

  static Subject subject(String type) {
    return switch (type) {
      case QUEUE -> Subject.RUN;
      case TASK -> Subject.TASK;
      default -> Subject.REPORT;
    };
  }

  static Map<String, Spec> of(String type) {
    return switch (type) {
      case QUEUE -> QUEUE_FIELDS;
      case TASK -> TASK_FIELDS;
      default -> REPORT_FIELDS;
    };
  }
}
