package dev.periodica.report;

import dev.periodica.run.Job;
import dev.periodica.run.JobContext;
import dev.periodica.run.JobFailure;
import io.vertx.core.Future;

/**
 * {@code report.generate}, the default job of a task. Rendering reports arrives with the report
 * generation work; until then a run of it ends {@code error} with a message saying so, rather than
 * pretending to produce a file.
 */
public final class ReportGenerationJob implements Job {
  public static final String KIND = "report.generate";
  static final String NOT_YET =
      "report generation is not available in this version: no renderer is installed yet";

  @Override
  public Future<Void> run(JobContext context) {
    return Future.failedFuture(JobFailure.permanent(NOT_YET));
  }
}
