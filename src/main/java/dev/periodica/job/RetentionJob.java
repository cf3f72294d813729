package dev.periodica.job;

import dev.periodica.run.JobContext;
import dev.periodica.run.JobKind;
import dev.periodica.run.JobParams;
import dev.periodica.run.RunRetention;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;

/**
 * {@code maintenance.retention}: the retention chore ({@link RunRetention}) as a job, so an
 * operator can schedule a stricter sweep than the built-in one ({@code RETENTION_DAYS}, {@code
 * RETENTION_PER_TASK}). It deletes finished runs of every task, so only administrators schedule it;
 * it needs no report. Records how many runs it deleted.
 */
public final class RetentionJob implements JobKind {
  public static final String KIND = "maintenance.retention";
  static final int MAX_DAYS = 36_500;
  static final int MAX_PER_TASK = 1_000_000;
  private static final List<String> PARAMS = List.of("days", "per_task");
  private final RunRetention retention;

  public RetentionJob(RunRetention retention) {
    this.retention = retention;
  }

  @Override
  public String name() {
    return KIND;
  }

  @Override
  public String description() {
    return "Deletes finished runs older than days, or beyond the newest per_task of their task,"
        + " and their files (administrators only)";
  }

  @Override
  public boolean needsReport() {
    return false;
  }

  @Override
  public boolean administratorsOnly() {
    return true;
  }

  @Override
  public JsonObject paramsSchema() {
    return new JsonObject()
        .put("type", "object")
        .put("additionalProperties", false)
        .put(
            "properties",
            new JsonObject()
                .put("days", integer(1, MAX_DAYS, (int) retention.maxAge().toDays()))
                .put("per_task", integer(1, MAX_PER_TASK, retention.keepPerTask())));
  }

  private static JsonObject integer(int min, int max, int fallback) {
    return new JsonObject()
        .put("type", "integer")
        .put("minimum", min)
        .put("maximum", max)
        .put("default", fallback);
  }

  @Override
  public Future<Void> checkParams(JsonObject params) {
    return JobParams.check(() -> read(params));
  }

  private record Limits(int days, int perTask) {}

  private Limits read(JsonObject params) {
    JobParams.only(params, KIND, PARAMS);
    Integer days = JobParams.integer(params, "days", 1, MAX_DAYS);
    Integer perTask = JobParams.integer(params, "per_task", 1, MAX_PER_TASK);
    return new Limits(
        days == null ? (int) retention.maxAge().toDays() : days,
        perTask == null ? retention.keepPerTask() : perTask);
  }

  @Override
  public Future<Void> run(JobContext context) {
    Limits limits;
    try {
      limits = read(context.params());
    } catch (dev.periodica.common.Invalid e) {
      return Future.failedFuture(dev.periodica.run.JobFailure.permanent(e.getMessage()));
    }
    return retention
        .sweep(Duration.ofDays(limits.days()), limits.perTask())
        .compose(
            deleted ->
                context.result(
                    new JsonObject()
                        .put("deleted", deleted)
                        .put("days", limits.days())
                        .put("per_task", limits.perTask())));
  }
}
