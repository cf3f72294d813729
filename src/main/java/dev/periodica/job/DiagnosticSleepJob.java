package dev.periodica.job;

import dev.periodica.run.JobContext;
import dev.periodica.run.JobFailure;
import dev.periodica.run.JobKind;
import dev.periodica.run.JobParams;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * {@code diagnostic.sleep}: waits {@code ms} milliseconds in {@code steps} steps, reporting
 * progress after each, then succeeds or fails as {@code fail} asks ({@code error} or {@code
 * transient}). Only registered when diagnostic jobs are enabled; for tests and benchmarks. Its
 * params are lenient (other keys are ignored) but bounded.
 */
public final class DiagnosticSleepJob implements JobKind {
  public static final String KIND = "diagnostic.sleep";
  static final int MAX_MS = 3_600_000;
  static final int MAX_STEPS = 1000;
  private static final List<String> FAILURES = List.of("error", "transient");
  private final Vertx vertx;

  public DiagnosticSleepJob(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public String name() {
    return KIND;
  }

  @Override
  public String description() {
    return "Waits ms milliseconds in steps, reporting progress, then succeeds or fails as asked"
        + " (tests and benchmarks)";
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
                .put("ms", integer(0, MAX_MS, 1000))
                .put("steps", integer(1, MAX_STEPS, 1))
                .put(
                    "fail",
                    new JsonObject().put("type", "string").put("enum", new JsonArray(FAILURES))));
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
    return JobParams.check(
        () -> {
          JobParams.integer(params, "ms", 0, MAX_MS);
          JobParams.integer(params, "steps", 1, MAX_STEPS);
          JobParams.oneOf(params, "fail", FAILURES, false);
        });
  }

  @Override
  public Future<Void> run(JobContext context) {
    JsonObject params = context.params();
    int ms = bounded(params.getValue("ms"), 1000, 0, MAX_MS);
    int steps = bounded(params.getValue("steps"), 1, 1, MAX_STEPS);
    Object fail = params.getValue("fail");
    Promise<Void> done = Promise.promise();
    step(context, 1, steps, ms / steps, fail, done);
    return done.future()
        .compose(
            slept ->
                context.cancelled()
                    ? Future.succeededFuture()
                    : context.result(new JsonObject().put("slept_ms", ms).put("steps", steps)));
  }

  private void step(
      JobContext context, int step, int steps, long delay, Object fail, Promise<Void> done) {
    if (context.cancelled()) {
      done.complete();
      return;
    }
    if (step > steps) {
      if ("error".equals(fail)) {
        done.fail(JobFailure.permanent("diagnostic failure requested"));
      } else if ("transient".equals(fail)) {
        done.fail(JobFailure.transientFailure("diagnostic transient failure requested"));
      } else {
        done.complete();
      }
      return;
    }
    Runnable next =
        () -> {
          if (step < steps) {
            context.progress(step * 100 / steps);
          }
          step(context, step + 1, steps, delay, fail, done);
        };
    if (delay <= 0) {
      vertx.runOnContext(v -> next.run());
    } else {
      vertx.setTimer(delay, id -> next.run());
    }
  }

  private static int bounded(Object value, int fallback, int min, int max) {
    if (!(value instanceof Number number)) {
      return fallback;
    }
    return (int) Math.max(min, Math.min(max, number.longValue()));
  }
}
