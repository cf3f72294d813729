package dev.periodica.app;

import dev.periodica.api.ApiVerticle;
import dev.periodica.api.MetricsVerticle;
import dev.periodica.config.AppConfig;
import dev.periodica.config.DatabaseUrl;
import dev.periodica.config.EngineConfig;
import dev.periodica.config.HttpConfig;
import dev.periodica.dataset.DatasetAccess;
import dev.periodica.run.WorkerVerticle;
import dev.periodica.schedule.SchedulerVerticle;
import dev.periodica.store.PgNotifications;
import dev.periodica.store.PgReadiness;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running server: database (embedded or configured), migrations, pool, services and verticles,
 * started in that order and closed in reverse.
 */
public final class Application {
  private static final Logger LOG = LoggerFactory.getLogger(Application.class);
  private final Vertx vertx;
  private final Optional<EmbeddedDatabase> embedded;
  private final UUID instanceId;

  private final List<String> engineDeployments;
  private final PgNotifications notifications;

  private Application(
      Vertx vertx,
      Optional<EmbeddedDatabase> embedded,
      UUID instanceId,
      List<String> engineDeployments,
      PgNotifications notifications) {
    this.vertx = vertx;
    this.embedded = embedded;
    this.instanceId = instanceId;
    this.engineDeployments = engineDeployments;
    this.notifications = notifications;
  }

  /**
   * Starts a server on {@code vertx}. Blocking (database start and migrations run on the calling
   * thread): call it from {@code main} or a test, never from an event loop.
   */
  public static Application start(Vertx vertx, AppConfig config, Clock clock) throws Exception {
    return start(vertx, Optional.empty(), config, clock);
  }

  /** Starts a server whose metrics are served at {@code /metrics}. Blocking, as above. */
  public static Application start(Observability.Metered metered, AppConfig config, Clock clock)
      throws Exception {
    return start(metered.vertx(), Optional.of(metered.registry()), config, clock);
  }

  private static Application start(
      Vertx vertx, Optional<PrometheusMeterRegistry> metrics, AppConfig config, Clock clock)
      throws Exception {
    Optional<EmbeddedDatabase> embedded =
        config.database().isPresent()
            ? Optional.empty()
            : Optional.of(EmbeddedDatabase.start(config.dataDir().resolve("pg")));
    try {
      DatabaseUrl url = config.database().orElseGet(() -> embedded.get().url());
      LOG.info("migrating {} schema={}", url, config.dbSchema());
      Migrations.migrate(url, config.dbSchema());
      if (embedded.isPresent()) {
        DemoData.seedOnce(url, config.dbSchema(), config.reporting().datasetsSchema());
      }
      Pool pool = pool(vertx, url, config);
      DatasetAccess datasets = DatasetsDatabase.open(vertx, config, url, pool);
      PgReadiness readiness = new PgReadiness(pool);
      readiness.markMigrated();
      UUID instanceId = InstanceIdentity.resolve(config.instanceId(), config.dataDir());
      PgNotifications notifications =
          PgNotifications.start(vertx, connectOptions(url, config))
              .toCompletionStage()
              .toCompletableFuture()
              .get();
      List<String> engine =
          deploy(vertx, config, clock, pool, datasets, readiness, instanceId, metrics)
              .toCompletionStage()
              .toCompletableFuture()
              .get();
      LOG.info(
          "periodica listening port={} prefix={} instance={} metrics_port={}",
          config.httpPort(),
          config.apiPrefix(),
          instanceId,
          metrics.isPresent() && config.http().metricsPort() > 0
              ? config.http().metricsPort()
              : "none");
      return new Application(vertx, embedded, instanceId, engine, notifications);
    } catch (Exception | Error e) {
      embedded.ifPresent(EmbeddedDatabase::close);
      throw e;
    }
  }

  public UUID instanceId() {
    return instanceId;
  }

  /**
   * Stops the engine first (workers finish or hand back their runs while the database is still
   * there), then the rest of Vert.x and the pool, then the embedded database.
   */
  public void close() throws Exception {
    try {
      for (String deployment : engineDeployments) {
        vertx.undeploy(deployment).toCompletionStage().toCompletableFuture().get();
      }
      notifications.close().toCompletionStage().toCompletableFuture().get();
      vertx.close().toCompletionStage().toCompletableFuture().get();
    } finally {
      embedded.ifPresent(EmbeddedDatabase::close);
    }
  }

  private static Pool pool(Vertx vertx, DatabaseUrl url, AppConfig config) {
    return PgBuilder.pool()
        .with(
            new PoolOptions().setName("periodica").setMaxSize(config.dbPoolSize()).setShared(false))
        .connectingTo(connectOptions(url, config))
        .using(vertx)
        .build();
  }

  private static PgConnectOptions connectOptions(DatabaseUrl url, AppConfig config) {
    return PgOptions.forQueue(url, config.dbSchema());
  }

  private static Future<List<String>> deploy(
      Vertx vertx,
      AppConfig config,
      Clock clock,
      Pool pool,
      DatasetAccess datasets,
      PgReadiness readiness,
      UUID instanceId,
      Optional<PrometheusMeterRegistry> metrics) {
    Components components =
        new Components(vertx, config, clock, pool, datasets, readiness, instanceId, metrics);
    EngineConfig engine = config.engine();
    List<String> deployments = new ArrayList<>();
    return metricsPort(vertx, config.http(), metrics)
        .compose(
            metricsServer ->
                vertx.deployVerticle(
                    () ->
                        new ApiVerticle(
                            components.services(),
                            config.apiPrefix(),
                            config.bodyLimitBytes(),
                            config.httpPort(),
                            components.limits()),
                    new DeploymentOptions().setInstances(config.effectiveApiInstances())))
        .compose(
            api ->
                vertx.deployVerticle(
                    new SchedulerVerticle(
                        components.heartbeat(),
                        components.scheduler(),
                        components.housekeeping(),
                        Duration.ofSeconds(config.heartbeatSeconds()),
                        engine.tick(),
                        engine.housekeeping(),
                        components.retention(),
                        engine.retentionSweep(),
                        components.statsRollup())))
        .compose(
            schedulerId -> {
              deployments.add(schedulerId);
              return vertx.deployVerticle(
                  () ->
                      new WorkerVerticle(
                          components.executor(),
                          engine.workerPoll(),
                          engine.leaseRenew(),
                          engine.shutdownGrace()),
                  new DeploymentOptions()
                      .setThreadingModel(ThreadingModel.WORKER)
                      .setInstances(config.workerInstances()));
            })
        .map(
            workersId -> {
              deployments.add(0, workersId);
              return deployments;
            });
  }

  /** {@code /metrics} on a port of its own, unless there are no metrics or METRICS_PORT is 0. */
  private static Future<?> metricsPort(
      Vertx vertx, HttpConfig http, Optional<PrometheusMeterRegistry> metrics) {
    if (metrics.isEmpty() || http.metricsPort() == 0) {
      return Future.succeededFuture();
    }
    return vertx.deployVerticle(
        new MetricsVerticle(
            metrics.get(), http.metricsToken(), http.metricsPort(), http.idleTimeout()));
  }
}
