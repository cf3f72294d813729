package dev.periodica.job;

import dev.periodica.common.Messages;
import dev.periodica.run.JobContext;
import dev.periodica.run.JobFailure;
import dev.periodica.run.JobKind;
import dev.periodica.run.JobParams;
import dev.periodica.run.ServiceJobs;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * {@code service.unconfigured}: the job of a service task (seed 003) whose {@code svcscriptcode}
 * the deployment maps to no job. The task is kept as its system keeps it; each run ends {@code
 * error} saying which code lacks an entry in which setting, so the operator knows what to add.
 */
public final class UnconfiguredServiceJob implements JobKind {
  static final int MAX_CODE = 200;
  private final String setting;

  /** {@code setting}: the configuration key that maps codes to jobs ({@code SERVICE_JOBS}). */
  public UnconfiguredServiceJob(String setting) {
    this.setting = setting;
  }

  @Override
  public String name() {
    return ServiceJobs.UNCONFIGURED;
  }

  @Override
  public String description() {
    return "A service task whose code names no job in "
        + setting
        + ": every run ends error naming the code";
  }

  @Override
  public boolean needsReport() {
    return false;
  }

  @Override
  public JsonObject paramsSchema() {
    return new JsonObject()
        .put("type", "object")
        .put(
            "properties",
            new JsonObject()
                .put(
                    ServiceJobs.CODE,
                    new JsonObject()
                        .put("type", "string")
                        .put("minLength", 1)
                        .put("maxLength", MAX_CODE)))
        .put("required", new io.vertx.core.json.JsonArray().add(ServiceJobs.CODE));
  }

  @Override
  public Future<Void> checkParams(JsonObject params) {
    return JobParams.check(
        () -> {
          JobParams.only(params, name(), java.util.List.of(ServiceJobs.CODE));
          JobParams.required(JobParams.text(params, ServiceJobs.CODE, MAX_CODE), ServiceJobs.CODE);
        });
  }

  @Override
  public Future<Void> run(JobContext context) {
    Object code = context.params().getValue(ServiceJobs.CODE);
    return Future.failedFuture(
        JobFailure.permanent(Messages.serviceCodeUnconfigured(String.valueOf(code), setting)));
  }
}
