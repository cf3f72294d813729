package dev.periodica.api;

import dev.periodica.common.Ids;
import dev.periodica.common.Invalid;
import dev.periodica.common.Messages;
import dev.periodica.run.JobCatalog;
import dev.periodica.run.JobKind;
import dev.periodica.run.MisfirePolicy;
import dev.periodica.run.OverlapPolicy;
import dev.periodica.run.Placement;
import dev.periodica.schedule.Calendars;
import dev.periodica.task.TaskDraft;
import dev.periodica.task.TaskPlacement;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Task fields, checked in the order of the seed's 400 list: a wrong type of a seed field is {@code
 * Bad Request}; then the report id (when the job needs a report, as the default {@code
 * report.generate} does), the instance and the interval, missing before malformed; then a job the
 * registry does not know. Related objects nested in the body (such as {@code report}) are ignored,
 * as the seed says. The task service checks the job and its params again when the task is saved.
 */
final class TaskParser implements DraftParser<TaskDraft> {
  static final int MAX_JOB = 100;
  private final JobCatalog jobs;

  TaskParser(JobCatalog jobs) {
    this.jobs = jobs;
  }

  /** The defaults, without the instance: the seed requires the caller to name one. */
  @Override
  public TaskDraft blank() {
    return TaskDraft.defaults().instance(null).build();
  }

  @Override
  public TaskDraft placeholder() {
    String any = Ids.ANY_INSTANCE.toString();
    return parse(
        new JsonObject().put("interval", "@daily").put("instance", any).put("report_id", any),
        blank());
  }

  @Override
  public TaskDraft parse(JsonObject body, TaskDraft base) {
    return parse(body, base, false);
  }

  /**
   * Over the placeholder, except that {@code placement} or {@code instances} sent alone is judged
   * only on its own shape: whether the list fits depends on the task's placement, and whether the
   * placement has its list on the task's list, read later.
   */
  @Override
  public void check(JsonObject body) {
    parse(body, placeholder(), true);
  }

  private TaskDraft parse(JsonObject body, TaskDraft base, boolean shapeOnly) {
    for (String key : new String[] {"report_id", "instance", "interval"}) {
      Object value = body.getValue(key);
      if (value != null && !(value instanceof String)) {
        throw new Invalid(Messages.BAD_REQUEST);
      }
    }
    String named = body.getValue("job") instanceof String text ? text : base.job();
    UUID reportId;
    if (jobs.find(named).map(JobKind::needsReport).orElse(false)) {
      reportId = seedId(body, "report_id", base.reportId(), Messages.MISSING_REPORT_ID);
      if (reportId == null) {
        throw new Invalid(Messages.REPORT_ID_NOT_UUID);
      }
    } else {
      reportId = optionalReportId(body, base.reportId());
    }
    UUID instance = seedId(body, "instance", base.instance(), Messages.MISSING_INSTANCE);
    if (instance == null) {
      throw new Invalid(Messages.INSTANCE_ID_NOT_UUID);
    }
    String interval = body.containsKey("interval") ? body.getString("interval") : base.interval();
    if (interval == null || interval.isBlank()) {
      throw new Invalid(Messages.MISSING_INTERVAL);
    }
    String job = Input.requiredText(body, "job", base.job(), MAX_JOB);
    if (body.containsKey("job")) {
      jobs.require(job);
    }
    return base.toBuilder()
        .interval(interval.trim())
        .instance(instance)
        .reportId(reportId)
        .job(job)
        .params(Input.json(body, "params", base.params()))
        .timezone(Input.requiredText(body, "timezone", base.timezone(), Input.MAX_NAME))
        .enabled(Input.bool(body, "enabled", base.enabled()))
        .startAt(Input.time(body, "start_at", base.startAt()))
        .stopAt(Input.time(body, "stop_at", base.stopAt()))
        .overlap(
            Input.choice(body, "overlap", base.overlap(), OverlapPolicy::fromCode, "skip or allow"))
        .misfire(
            Input.choice(
                body, "misfire", base.misfire(), MisfirePolicy::fromCode, "once, skip or all"))
        .maxAttempts(
            Input.integer(
                body, "max_attempts", base.maxAttempts(), 1, TaskDraft.MAX_ATTEMPTS_LIMIT))
        .timeoutSeconds(
            Input.integer(
                body, "timeout_seconds", base.timeoutSeconds(), 1, TaskDraft.MAX_TIMEOUT_SECONDS))
        .placement(placement(body, base.placement(), instance, shapeOnly))
        .calendar(calendar(body, base.calendar()))
        .name(Input.text(body, "name", base.name(), Input.MAX_NAME))
        .build();
  }

  /** A name or an object of periods and excluded dates, checked here for a precise message. */
  private static Object calendar(JsonObject body, Object current) {
    if (!body.containsKey("calendar")) {
      return current;
    }
    Object value = body.getValue("calendar");
    Calendars.check(value);
    return value;
  }

  /**
   * {@code placement} and {@code instances}, after the seed's fields. A body that does not send
   * {@code instances} keeps the list when the new placement needs one, or when the placement stays
   * {@code each}; a change to {@code any} or to {@code each} drops it (as before {@code each} took
   * a list, so {@code one_of} → {@code each} still means every live instance).
   */
  private static TaskPlacement placement(
      JsonObject body, TaskPlacement base, UUID instance, boolean shapeOnly) {
    Placement placement =
        Input.choice(
            body, "placement", base.placement(), Placement::fromCode, Messages.PLACEMENT_CHOICES);
    if (shapeOnly && !(body.containsKey("placement") && body.containsKey("instances"))) {
      if (body.containsKey("instances")) {
        TaskPlacement.entries(instances(body.getValue("instances")));
      }
      return base;
    }
    List<String> instances;
    if (body.containsKey("instances")) {
      instances = instances(body.getValue("instances"));
    } else {
      boolean keep =
          placement.usesList() || (placement.acceptsList() && placement == base.placement());
      instances = keep ? base.instances() : List.of();
    }
    return TaskPlacement.of(placement, instances, instance);
  }

  private static List<String> instances(Object value) {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof JsonArray array)) {
      throw new Invalid(Messages.INSTANCES_SHAPE);
    }
    List<String> entries = new ArrayList<>(array.size());
    for (Object item : array) {
      if (!(item instanceof String text)) {
        throw new Invalid(Messages.INSTANCES_SHAPE);
      }
      entries.add(text);
    }
    return entries;
  }

  /**
   * The report of a job that needs none: absent keeps {@code current}; null or blank means none; a
   * value must still be a uuid.
   */
  private static UUID optionalReportId(JsonObject body, UUID current) {
    if (!body.containsKey("report_id")) {
      return current;
    }
    String text = body.getString("report_id");
    if (text == null || text.isBlank()) {
      return null;
    }
    return Ids.parse(text).orElseThrow(() -> new Invalid(Messages.REPORT_ID_NOT_UUID));
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
