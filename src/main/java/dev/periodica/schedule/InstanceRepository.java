package dev.periodica.schedule;

import io.vertx.core.Future;
import java.time.OffsetDateTime;

/** Registration of instances: each one upserts its row and keeps its heartbeat fresh. */
public interface InstanceRepository {
  Future<Void> heartbeat(Instance instance, OffsetDateTime now);
}
