package dev.periodica.task;

import dev.periodica.access.Caller;
import io.vertx.core.Future;
import java.util.UUID;

/**
 * The report a task is attached to, as the caller sees it now. The report package lends it at
 * start-up, so tasks need not depend on reports' services.
 */
@FunctionalInterface
public interface TaskReports {
  /** What a task needs to know of its report. */
  record Target(UUID id, UUID ownerId, boolean system) {}

  /** The report, or a failure with {@code report not found} when the caller cannot see it. */
  Future<Target> visible(Caller caller, UUID reportId);
}
