package dev.periodica.run;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * A kind of work a task runs ({@code report.generate}, {@code http.request}, …): one class per kind
 * says what it is called, whether it needs a report, how its {@code params} are checked when a task
 * is saved, and how it runs.
 *
 * <p>A run reports progress through its context, checks for cancellation between steps, records its
 * result, and fails with a {@link JobFailure} saying whether a retry may help. It must not block an
 * event loop: CPU-heavy or blocking work goes through {@code executeBlocking}.
 */
public interface JobKind extends Job {
  /** The name tasks give as {@code job}. */
  String name();

  /** One sentence for {@code GET /jobs}. */
  String description();

  /** Whether a task of this kind needs {@code report_id}. */
  boolean needsReport();

  /**
   * Whether only administrators may save tasks of this kind: kinds that act on everyone's data
   * (maintenance) are not for every user.
   */
  default boolean administratorsOnly() {
    return false;
  }

  /** A JSON Schema of {@code params}, published by {@code GET /jobs}. */
  JsonObject paramsSchema();

  /**
   * Checks {@code params} when a task is saved: fails with {@link dev.periodica.common.Invalid}
   * naming the parameter ({@code params.format must be one of pdf, csv, xlsx, json}).
   */
  Future<Void> checkParams(JsonObject params);

  @Override
  Future<Void> run(JobContext context);
}
