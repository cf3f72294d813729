package dev.periodica.run;

import dev.periodica.common.Page;
import dev.periodica.common.PageRequest;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The caller side of the run queue. A run is visible to whoever sees its task; {@code viewer} is
 * the calling user.
 */
public interface RunQueueRepository {
  Future<Page<Run>> list(UUID viewer, RunFilter filter, PageRequest page);

  Future<Optional<Run>> find(UUID viewer, long runId);

  /** Cancels a visible run that is not finished; empty when there was no such run to cancel. */
  Future<Optional<Run>> cancel(UUID viewer, long runId, Instant now);

  /** A manual run of a visible task, now; empty when the task is not visible. */
  Future<Optional<Run>> createManual(UUID viewer, UUID taskId, Instant now);

  /** Enables or disables the visible tasks among {@code taskIds}; answers the ids changed. */
  Future<List<UUID>> setEnabled(
      UUID viewer, Collection<UUID> taskIds, boolean enabled, Instant now);

  /** Whether {@code viewer} sees the task (for live subscriptions). */
  Future<Boolean> taskVisible(UUID viewer, UUID taskId);
}
