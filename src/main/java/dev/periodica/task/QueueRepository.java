package dev.periodica.task;

import io.vertx.core.Future;
import java.util.UUID;

/**
 * Filtered listings of runs and tasks for the facades, limited in SQL to what {@code viewer} sees
 * (the visibility of tasks, which runs follow); each listing is a page statement and a count
 * statement, whatever the number of rows.
 */
public interface QueueRepository {
  Future<QueueListing<QueueEntry>> runs(UUID viewer, QueueQuery query);

  Future<QueueListing<TaskEntry>> tasks(UUID viewer, QueueQuery query);
}
