package dev.periodica.app;

import dev.periodica.config.AppConfig;
import dev.periodica.config.DatabaseUrl;
import dev.periodica.config.ReportingConfig;
import dev.periodica.dataset.DatasetAccess;
import dev.periodica.dataset.ExportLimits;
import dev.periodica.dataset.QueryCompiler;
import dev.periodica.store.PgDatasetCatalog;
import dev.periodica.store.PgDatasetReaderRole;
import dev.periodica.store.PgQueryRunner;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the pool every dataset read goes through, logged in as a role that may only read the
 * datasets: either {@code DATASETS_PG_URL} (a separate database, the operator's read-only login) or
 * the reader role periodica creates in its own database. When neither can be had, structured
 * queries read through the application's pool (they are compiled from dataset fields only) and raw
 * SQL is refused, with a log line saying why.
 */
final class DatasetsDatabase {
  private static final Logger LOG = LoggerFactory.getLogger(DatasetsDatabase.class);

  private DatasetsDatabase() {}

  /** Blocking: called while the application starts, never on an event loop. */
  static DatasetAccess open(Vertx vertx, AppConfig config, DatabaseUrl appUrl, Pool appPool)
      throws Exception {
    ReportingConfig reporting = config.reporting();
    // a configured datasets database that cannot be reached stops the start: falling back to the
    // application database would quietly read other data
    Future<Access> access =
        reporting.datasetsDatabase().isPresent()
            ? separate(vertx, config, reporting.datasetsDatabase().get())
                .recover(
                    failure ->
                        Future.failedFuture(
                            new IllegalStateException(
                                "DATASETS_PG_URL "
                                    + reporting.datasetsDatabase().get()
                                    + " cannot be used: "
                                    + failure.getMessage(),
                                failure)))
            : reader(vertx, config, appUrl, appPool)
                .recover(failure -> withoutRawSql(failure, appPool));
    Access opened;
    try {
      opened = access.toCompletionStage().toCompletableFuture().get();
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
    PgQueryRunner runner = new PgQueryRunner(opened.pool(), reporting.queryTimeoutMillis());
    return new DatasetAccess(
        new PgDatasetCatalog(opened.pool(), reporting.datasetsSchema()),
        new QueryCompiler(reporting.datasetsSchema(), reporting.rowCap()),
        runner,
        reporting.rowCap(),
        opened.rawSqlRefusal(),
        runner,
        new ExportLimits(reporting.exportRowCap(), reporting.exportMaxBytes()));
  }

  private record Access(Pool pool, Optional<String> rawSqlRefusal) {}

  /** No reader role: structured queries read through the application's pool, raw SQL is off. */
  private static Future<Access> withoutRawSql(Throwable failure, Pool appPool) {
    String reason =
        "raw sql series are disabled on this server: no read-only login for the datasets ("
            + failure.getMessage()
            + ")";
    LOG.warn(
        "{}; grant the application's login CREATEROLE or set DATASETS_PG_URL to a read-only login",
        reason);
    return Future.succeededFuture(new Access(appPool, Optional.of(reason)));
  }

  private static Future<Access> reader(
      Vertx vertx, AppConfig config, DatabaseUrl appUrl, Pool appPool) {
    ReportingConfig reporting = config.reporting();
    return new PgDatasetReaderRole(appPool, reporting.readerRole(), reporting.datasetsSchema())
        .provision()
        .compose(
            password -> {
              DatabaseUrl login =
                  new DatabaseUrl(
                      appUrl.host(),
                      appUrl.port(),
                      appUrl.database(),
                      reporting.readerRole(),
                      password);
              Pool pool = pool(vertx, config, login);
              return pool.query("SELECT 1")
                  .execute()
                  .map(
                      ok -> {
                        LOG.info(
                            "datasets read as role {} (schema {}; raw sql enabled)",
                            reporting.readerRole(),
                            reporting.datasetsSchema());
                        return new Access(pool, Optional.empty());
                      })
                  .onFailure(failure -> pool.close());
            });
  }

  private static Future<Access> separate(Vertx vertx, AppConfig config, DatabaseUrl url) {
    Pool pool = pool(vertx, config, url);
    return PgDatasetReaderRole.loginMayDoMoreThanRead(pool)
        .map(
            powerful -> {
              if (powerful) {
                String reason =
                    "raw sql series are disabled on this server: DATASETS_PG_URL logs in as a"
                        + " role that may do more than read (a superuser, or a member of one or of"
                        + " pg_read_server_files and the like); give it a login that may only read";
                LOG.warn("{}", reason);
                return new Access(pool, Optional.of(reason));
              }
              LOG.info("datasets read from {} (raw sql enabled)", url);
              return new Access(pool, Optional.empty());
            })
        .onFailure(failure -> pool.close());
  }

  private static Pool pool(Vertx vertx, AppConfig config, DatabaseUrl url) {
    return PgBuilder.pool()
        .with(
            new PoolOptions()
                .setName("periodica-datasets")
                .setMaxSize(Math.max(2, config.dbPoolSize() / 2))
                // a connection that outlived a failed clean-up does not live on forever
                .setMaxLifetime(10)
                .setMaxLifetimeUnit(java.util.concurrent.TimeUnit.MINUTES)
                .setShared(false))
        .connectingTo(PgOptions.of(url, config.reporting().datasetsSchema(), "periodica-datasets"))
        .using(vertx)
        .build();
  }
}
