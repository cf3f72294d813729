package dev.periodica.task;

import dev.periodica.access.Caller;
import io.vertx.core.Future;

/**
 * The run queue and the tasks as a caller sees them, filtered across related objects (seed 001's
 * JSON:API listings); the access rules are those of the native queue and task lists.
 */
public final class QueueService {
  private final QueueRepository repository;

  public QueueService(QueueRepository repository) {
    this.repository = repository;
  }

  public Future<QueueListing<QueueEntry>> runs(Caller caller, QueueQuery query) {
    return repository.runs(caller.userId(), query);
  }

  public Future<QueueListing<TaskEntry>> tasks(Caller caller, QueueQuery query) {
    return repository.tasks(caller.userId(), query);
  }
}
