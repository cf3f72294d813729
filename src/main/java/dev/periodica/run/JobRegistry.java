package dev.periodica.run;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** The job kinds this instance can run, by name: the only list of kinds. */
public final class JobRegistry implements JobCatalog {
  private final Map<String, JobKind> kinds = new ConcurrentSkipListMap<>();

  /** Adds {@code kind}; a second kind of the same name is a wiring mistake. */
  public JobRegistry register(JobKind kind) {
    if (kinds.putIfAbsent(kind.name(), kind) != null) {
      throw new IllegalStateException("job kind registered twice: " + kind.name());
    }
    return this;
  }

  /** Adds {@code job} as the kind {@code name}: no report needed, any params accepted. */
  public JobRegistry register(String name, Job job) {
    return register(
        new JobKind() {
          @Override
          public String name() {
            return name;
          }

          @Override
          public String description() {
            return name;
          }

          @Override
          public boolean needsReport() {
            return false;
          }

          @Override
          public JsonObject paramsSchema() {
            return new JsonObject().put("type", "object");
          }

          @Override
          public Future<Void> checkParams(JsonObject params) {
            return Future.succeededFuture();
          }

          @Override
          public Future<Void> run(JobContext context) {
            return job.run(context);
          }
        });
  }

  @Override
  public Optional<JobKind> find(String name) {
    return name == null ? Optional.empty() : Optional.ofNullable(kinds.get(name));
  }

  @Override
  public List<JobKind> kinds() {
    return List.copyOf(kinds.values());
  }
}
