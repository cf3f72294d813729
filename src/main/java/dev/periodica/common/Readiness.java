package dev.periodica.common;

import io.vertx.core.Future;

/** Whether the server can do its work now: its database answers and is migrated. */
@FunctionalInterface
public interface Readiness {
  Future<Boolean> isReady();
}
