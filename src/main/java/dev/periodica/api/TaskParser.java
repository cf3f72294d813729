package dev.periodica.api;

import dev.periodica.common.Ids;
import dev.periodica.common.Invalid;
import dev.periodica.common.Messages;
import dev.periodica.report.TaskDraft;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * Task fields, checked in the order of the seed's 400 list: a wrong type of a seed field is {@code
 * Bad Request}; then the report id, the instance and the interval, missing before malformed.
 * Related objects nested in the body (such as {@code report}) are ignored, as the seed says.
 */
final class TaskParser implements DraftParser<TaskDraft> {
  static final int MAX_JOB = 100;

  @Override
  public TaskDraft blank() {
    return new TaskDraft(
        null,
        null,
        null,
        TaskDraft.DEFAULT_JOB,
        new JsonObject(),
        TaskDraft.DEFAULT_TIMEZONE,
        true);
  }

  @Override
  public TaskDraft placeholder() {
    return new TaskDraft(
        "@daily",
        Ids.ANY_INSTANCE,
        Ids.ANY_INSTANCE,
        TaskDraft.DEFAULT_JOB,
        new JsonObject(),
        TaskDraft.DEFAULT_TIMEZONE,
        true);
  }

  @Override
  public TaskDraft parse(JsonObject body, TaskDraft base) {
    for (String key : new String[] {"report_id", "instance", "interval"}) {
      Object value = body.getValue(key);
      if (value != null && !(value instanceof String)) {
        throw new Invalid(Messages.BAD_REQUEST);
      }
    }
    UUID reportId = seedId(body, "report_id", base.reportId(), Messages.MISSING_REPORT_ID);
    if (reportId == null) {
      throw new Invalid(Messages.REPORT_ID_NOT_UUID);
    }
    UUID instance = seedId(body, "instance", base.instance(), Messages.MISSING_INSTANCE);
    if (instance == null) {
      throw new Invalid(Messages.INSTANCE_ID_NOT_UUID);
    }
    String interval = body.containsKey("interval") ? body.getString("interval") : base.interval();
    if (interval == null || interval.isBlank()) {
      throw new Invalid(Messages.MISSING_INTERVAL);
    }
    return new TaskDraft(
        interval.trim(),
        instance,
        reportId,
        Input.requiredText(body, "job", base.job(), MAX_JOB),
        Input.json(body, "params", base.params()),
        Input.requiredText(body, "timezone", base.timezone(), Input.MAX_NAME),
        Input.bool(body, "enabled", base.enabled()));
  }

  /**
   * The id in {@code key}: {@code missing} when absent (with no current value), null or blank; null
   * when present but not a uuid, so the caller answers its own format message.
   */
  private static UUID seedId(JsonObject body, String key, UUID current, String missing) {
    if (!body.containsKey(key) && current != null) {
      return current;
    }
    String text = body.getString(key);
    if (text == null || text.isBlank()) {
      throw new Invalid(missing);
    }
    return Ids.parse(text).orElse(null);
  }
}
