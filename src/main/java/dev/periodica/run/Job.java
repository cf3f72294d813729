package dev.periodica.run;

import io.vertx.core.Future;

/**
 * A kind of work a task runs ({@code report.generate}, {@code diagnostic.sleep}, …). A job reports
 * progress through its context, checks for cancellation between steps, and fails with a {@link
 * JobFailure} saying whether a retry may help. It must not block an event loop: CPU-heavy or
 * blocking work goes through {@code executeBlocking}.
 */
@FunctionalInterface
public interface Job {
  Future<Void> run(JobContext context);
}
