package dev.periodica.api.compat.pandora;

import dev.periodica.access.Caller;
import dev.periodica.run.NumberedRun;
import dev.periodica.run.Run;
import dev.periodica.run.RunStatus;
import dev.periodica.task.ReportTask;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** Tasks and runs as Pandora shows them: epoch milliseconds, statuses in its words. */
final class ExportViews {
  /** Attribute keys of an export task ({@code report_tasks.attributes}). */
  static final String INTERVAL = "interval";

  static final String CRON = "cron";
  static final String DESCRIPTION = "description";

  static final String SUCCESS = "success";
  static final String FAILED = "failed";
  static final String RUNNING = "running";
  static final String STOPPED = "stopped";

  /** How each run status reads in a history row. */
  static final Map<RunStatus, String> HISTORY_STATUS =
      Map.of(
          RunStatus.COMPLETE, SUCCESS,
          RunStatus.ERROR, FAILED,
          RunStatus.CANCEL, FAILED,
          RunStatus.CANCEL_TOO_LONG, FAILED,
          RunStatus.NEW, RUNNING,
          RunStatus.IN_ACTION, RUNNING,
          RunStatus.NEED_RESTART, RUNNING);

  private ExportViews() {}

  static JsonObject task(Caller caller, ReportTask task) {
    JsonObject attributes = task.fields().attributes();
    return new JsonObject()
        .put("id", task.id().toString())
        .put("name", task.fields().name())
        .put("description", attributes.getString(DESCRIPTION))
        .put("operations", operations(caller, task))
        .put("spl", task.fields().params().getValue("sql"))
        .put("owner", task.ownerId().toString())
        .put("interval", interval(task))
        .put("status", task.fields().enabled() ? RUNNING : STOPPED)
        .put("count", task.runCount())
        .put("updateTime", millis(task.updatedAt()))
        .put("createTime", millis(task.createdAt()))
        .put("lastRunTime", task.lastRunAt() == null ? -1 : millis(task.lastRunAt()));
  }

  /**
   * The interval as it was given, while the task still has the schedule it was turned into; once
   * the native API changed the schedule, that schedule as a crontab.
   */
  static JsonObject interval(ReportTask task) {
    JsonObject attributes = task.fields().attributes();
    Object given = attributes.getValue(INTERVAL);
    if (given instanceof JsonObject interval
        && task.fields().interval().equals(attributes.getString(CRON))) {
      if (!(interval.getValue("cronDate") instanceof JsonObject cronDate)) {
        return interval;
      }
      // stored as jsonb, which orders keys its own way: shown in the seed's order
      JsonObject ordered = new JsonObject();
      for (String key : List.of("frequency", "month", "date", "hour", "minute")) {
        ordered.put(key, cronDate.getValue(key));
      }
      return new JsonObject().put("type", interval.getValue("type")).put("cronDate", ordered);
    }
    return new JsonObject().put("type", "crontab").put("crontab", task.fields().interval());
  }

  /**
   * What the caller may do with the task: create tasks, list and edit any task they see, delete
   * their own; a task without a report is never shared, so never {@code share}.
   */
  static JsonArray operations(Caller caller, ReportTask task) {
    JsonArray operations = new JsonArray().add("create").add("edit").add("list");
    if (task.ownerId().equals(caller.userId())) {
      operations.add("delete");
    }
    return operations;
  }

  static JsonObject history(NumberedRun numbered, Instant now) {
    Run run = numbered.run();
    return new JsonObject()
        .put("taskId", run.taskId().toString())
        .put("count", numbered.number())
        .put("time", millis(run.createdAt()))
        .put("status", HISTORY_STATUS.get(run.status()))
        .put("message", run.error())
        .put("tookMillis", took(run, now));
  }

  /** From its start to its end, or to now while it runs; 0 before it starts. */
  private static long took(Run run, Instant now) {
    if (run.startedAt() == null) {
      return 0;
    }
    Instant end = run.endedAt() == null ? now : run.endedAt().toInstant();
    return Math.max(0, end.toEpochMilli() - run.startedAt().toInstant().toEpochMilli());
  }

  /** The native statuses whose Pandora name starts with {@code prefix}; null for any. */
  static List<RunStatus> statusesStartingWith(String prefix) {
    if (prefix == null) {
      return null;
    }
    String lower = prefix.toLowerCase(java.util.Locale.ROOT);
    return HISTORY_STATUS.entrySet().stream()
        .filter(entry -> entry.getValue().startsWith(lower))
        .map(Map.Entry::getKey)
        .sorted()
        .toList();
  }

  static long millis(OffsetDateTime time) {
    return time.toInstant().toEpochMilli();
  }
}
