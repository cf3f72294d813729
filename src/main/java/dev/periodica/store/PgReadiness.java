package dev.periodica.store;

import dev.periodica.common.Readiness;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;

/** Ready when migrations have run and the database answers a trivial query. */
public final class PgReadiness implements Readiness {
  private final Pool pool;
  private volatile boolean migrated;

  public PgReadiness(Pool pool) {
    this.pool = pool;
  }

  public void markMigrated() {
    migrated = true;
  }

  @Override
  public Future<Boolean> isReady() {
    if (!migrated) {
      return Future.succeededFuture(false);
    }
    return pool.query("SELECT 1").execute().map(rows -> true);
  }
}
