package dev.periodica.app;

import dev.periodica.access.GroupService;
import dev.periodica.api.ApiLimits;
import dev.periodica.api.ApiServices;
import dev.periodica.api.ApiVerticle;
import dev.periodica.api.MetricsVerticle;
import dev.periodica.api.OriginPolicy;
import dev.periodica.api.ProgressConnections;
import dev.periodica.common.Timestamps;
import dev.periodica.config.AppConfig;
import dev.periodica.config.DatabaseUrl;
import dev.periodica.config.EngineConfig;
import dev.periodica.config.HttpConfig;
import dev.periodica.report.CategoryService;
import dev.periodica.report.DashboardService;
import dev.periodica.report.DatasetAccess;
import dev.periodica.report.FileStore;
import dev.periodica.report.ReportDetailsLoader;
import dev.periodica.report.ReportFonts;
import dev.periodica.report.ReportGenerationJob;
import dev.periodica.report.ReportService;
import dev.periodica.report.ReportTaskService;
import dev.periodica.report.WidgetQueries;
import dev.periodica.report.WidgetService;
import dev.periodica.report.WorkerVerticle;
import dev.periodica.run.DiagnosticSleepJob;
import dev.periodica.run.JobRegistry;
import dev.periodica.run.RetryPolicy;
import dev.periodica.run.RunExecutor;
import dev.periodica.run.RunHousekeeping;
import dev.periodica.run.RunMeters;
import dev.periodica.run.RunQueue;
import dev.periodica.run.RunRetention;
import dev.periodica.schedule.FirePlanner;
import dev.periodica.schedule.Instance;
import dev.periodica.schedule.InstanceHeartbeat;
import dev.periodica.schedule.LiveInstance;
import dev.periodica.schedule.PlacementPlanner;
import dev.periodica.schedule.SchedulePreview;
import dev.periodica.schedule.SchedulerService;
import dev.periodica.schedule.SchedulerVerticle;
import dev.periodica.store.PgCategoryRepository;
import dev.periodica.store.PgDashboardRepository;
import dev.periodica.store.PgDueTaskRepository;
import dev.periodica.store.PgGroupRepository;
import dev.periodica.store.PgInstanceRepository;
import dev.periodica.store.PgNotifications;
import dev.periodica.store.PgReadiness;
import dev.periodica.store.PgReportRepository;
import dev.periodica.store.PgReportTaskRepository;
import dev.periodica.store.PgRunQueueRepository;
import dev.periodica.store.PgRunRepository;
import dev.periodica.store.PgUserRepository;
import dev.periodica.store.PgWidgetRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.net.InetAddress;
import java.net.UnknownHostException;
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
    return PgOptions.of(url, config.dbSchema(), "periodica");
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
    EngineConfig engine = config.engine();
    RunMeters meters = metrics.<RunMeters>map(RunMeters::new).orElseGet(RunMeters::none);
    String name = config.instanceName().orElseGet(() -> nameOf(hostName()));
    Instance self = new Instance(instanceId, name, hostName(), version(), Timestamps.now(clock));
    InstanceHeartbeat heartbeat =
        new InstanceHeartbeat(
            new PgInstanceRepository(pool), self, clock, engine.instanceDeadAfter());
    ApiServices services =
        services(
            pool,
            clock,
            readiness,
            heartbeat,
            datasets,
            fileStore(vertx, config),
            metrics,
            config.access().adminUserIds(),
            engine.instanceDeadAfter());
    FirePlanner planner =
        new FirePlanner(engine.misfireThreshold(), engine.catchUpWindow(), engine.maxCatchUp());
    SchedulerService scheduler =
        new SchedulerService(
            new PgDueTaskRepository(pool),
            planner,
            new PlacementPlanner(new LiveInstance(instanceId, name), engine.instanceDeadAfter()),
            clock,
            engine.batch(),
            engine.maxCatchUpPerTick(),
            meters);
    PgRunRepository runs = new PgRunRepository(pool);
    JobRegistry jobs =
        new JobRegistry()
            .register(
                ReportGenerationJob.KIND,
                new ReportGenerationJob(
                    vertx,
                    new PgReportRepository(pool),
                    new PgWidgetRepository(pool),
                    datasets,
                    fileStore(vertx, config),
                    ReportFonts.of(config.reporting().systemFonts())));
    if (engine.diagnosticJobs()) {
      jobs.register(DiagnosticSleepJob.KIND, new DiagnosticSleepJob(vertx));
    }
    RetryPolicy retry = new RetryPolicy(engine.retryBase(), engine.retryCap(), Math::random);
    List<String> deployments = new ArrayList<>();
    ApiLimits limits = apiLimits(config.http(), metrics);
    return metricsPort(vertx, config.http(), metrics)
        .compose(
            metricsServer ->
                vertx.deployVerticle(
                    () ->
                        new ApiVerticle(
                            services,
                            config.apiPrefix(),
                            config.bodyLimitBytes(),
                            config.httpPort(),
                            limits),
                    new DeploymentOptions().setInstances(config.effectiveApiInstances())))
        .compose(
            api ->
                vertx.deployVerticle(
                    new SchedulerVerticle(
                        heartbeat,
                        scheduler,
                        new RunHousekeeping(
                            runs, clock, engine.pinnedGiveUp(), engine.instanceDeadAfter()),
                        Duration.ofSeconds(config.heartbeatSeconds()),
                        engine.tick(),
                        engine.housekeeping(),
                        new RunRetention(
                            runs,
                            clock,
                            engine.retentionAge(),
                            engine.retentionPerTask(),
                            fileStore(vertx, config)),
                        engine.retentionSweep())))
        .compose(
            schedulerId -> {
              deployments.add(schedulerId);
              return vertx.deployVerticle(
                  () ->
                      new WorkerVerticle(
                          new RunExecutor(
                              runs,
                              jobs,
                              retry,
                              clock,
                              instanceId,
                              engine.lease(),
                              engine.workerConcurrency(),
                              meters),
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

  /** One for the whole process, so every API verticle counts the same connections. */
  private static ApiLimits apiLimits(HttpConfig http, Optional<PrometheusMeterRegistry> metrics) {
    MeterRegistry registry =
        metrics.<MeterRegistry>map(r -> r).orElseGet(CompositeMeterRegistry::new);
    return new ApiLimits(
        http.idleTimeout(),
        http.metricsToken(),
        new OriginPolicy(http.allowedOrigins()),
        new ProgressConnections(http.wsMaxConnectionsPerUser(), registry));
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

  static FileStore fileStore(Vertx vertx, AppConfig config) {
    return new FileStore(
        vertx, config.reporting().reportsDir().orElse(config.dataDir().resolve("reports")));
  }

  static ApiServices services(
      Pool pool,
      Clock clock,
      PgReadiness readiness,
      InstanceHeartbeat heartbeat,
      DatasetAccess datasets,
      FileStore files,
      Optional<PrometheusMeterRegistry> metrics,
      java.util.Set<UUID> administrators,
      Duration instanceDeadAfter) {
    var groupRepository = new PgGroupRepository(pool);
    var categoryRepository = new PgCategoryRepository(pool);
    var dashboardRepository = new PgDashboardRepository(pool);
    var widgetRepository = new PgWidgetRepository(pool);
    var reportRepository = new PgReportRepository(pool);
    var planner = new SchedulePlanner();
    var taskRepository = new PgReportTaskRepository(pool, clock, planner);
    var groups = new GroupService(groupRepository, clock);
    var categories = new CategoryService(categoryRepository, clock);
    var dashboards = new DashboardService(dashboardRepository, groups, clock);
    var queries = new WidgetQueries(datasets);
    var widgets = new WidgetService(widgetRepository, dashboards, queries, clock);
    var reports =
        new ReportService(
            reportRepository, categories, dashboards, groups, widgets, queries, clock);
    var details =
        new ReportDetailsLoader(
            categoryRepository,
            dashboardRepository,
            widgetRepository,
            taskRepository,
            new PgUserRepository(pool),
            groupRepository);
    var tasks = new ReportTaskService(taskRepository, reports, planner, details, clock);
    return new ApiServices(
        groups,
        categories,
        dashboards,
        widgets,
        reports,
        details,
        tasks,
        new SchedulePreview(clock),
        new RunQueue(new PgRunQueueRepository(pool, instanceDeadAfter), clock),
        datasets.catalog(),
        files,
        heartbeat,
        readiness,
        metrics,
        administrators);
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown";
    }
  }

  /**
   * The host name as an instance name that a task's {@code instances} list can hold: characters
   * other than letters, digits, '.', '_' and '-' become '-'.
   */
  static String nameOf(String host) {
    String name = host.replaceAll("[^A-Za-z0-9._-]", "-").replaceAll("^[._-]+", "");
    if (name.length() > AppConfig.MAX_INSTANCE_NAME) {
      name = name.substring(0, AppConfig.MAX_INSTANCE_NAME);
    }
    return name.isEmpty() ? "unknown" : name;
  }

  private static String version() {
    String version = Application.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }
}
