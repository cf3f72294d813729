package dev.periodica.schedule;

import io.vertx.core.Future;
import java.time.OffsetDateTime;
import java.util.List;

/** Registration of instances: each one upserts its row and keeps its heartbeat fresh. */
public interface InstanceRepository {
  Future<Void> heartbeat(Instance instance, OffsetDateTime now);

  /** Every registered instance; alive when its last heartbeat is newer than {@code aliveSince}. */
  Future<List<InstanceStatus>> list(OffsetDateTime aliveSince);
}
