package dev.periodica.app;

import dev.periodica.access.GroupService;
import dev.periodica.access.UserService;
import dev.periodica.api.ApiLimits;
import dev.periodica.api.ApiServices;
import dev.periodica.api.OriginPolicy;
import dev.periodica.api.ProgressConnections;
import dev.periodica.api.ReportDetailsLoader;
import dev.periodica.common.Timestamps;
import dev.periodica.config.AppConfig;
import dev.periodica.config.ConfigKeys;
import dev.periodica.config.EngineConfig;
import dev.periodica.config.HttpConfig;
import dev.periodica.dataset.DatasetAccess;
import dev.periodica.dataset.ExportQueries;
import dev.periodica.dataset.WidgetQueries;
import dev.periodica.job.DatasetExportJob;
import dev.periodica.job.DatasetExporter;
import dev.periodica.job.DiagnosticSleepJob;
import dev.periodica.job.FileStore;
import dev.periodica.job.HttpRequestJob;
import dev.periodica.job.ReportGenerationJob;
import dev.periodica.job.ReportPreviews;
import dev.periodica.job.RetentionJob;
import dev.periodica.job.UnconfiguredServiceJob;
import dev.periodica.render.ReportFonts;
import dev.periodica.report.CategoryService;
import dev.periodica.report.DashboardService;
import dev.periodica.report.ReportService;
import dev.periodica.report.WidgetService;
import dev.periodica.run.JobRegistry;
import dev.periodica.run.RetryPolicy;
import dev.periodica.run.RunExecutor;
import dev.periodica.run.RunHousekeeping;
import dev.periodica.run.RunMeters;
import dev.periodica.run.RunQueue;
import dev.periodica.run.RunRetention;
import dev.periodica.run.RunStatsRollup;
import dev.periodica.run.ServiceJobs;
import dev.periodica.schedule.Calendars;
import dev.periodica.schedule.FirePlanner;
import dev.periodica.schedule.Instance;
import dev.periodica.schedule.InstanceHeartbeat;
import dev.periodica.schedule.LiveInstance;
import dev.periodica.schedule.PlacementPlanner;
import dev.periodica.schedule.SchedulePreview;
import dev.periodica.schedule.SchedulerService;
import dev.periodica.store.PgCategoryRepository;
import dev.periodica.store.PgDashboardRepository;
import dev.periodica.store.PgDueTaskRepository;
import dev.periodica.store.PgGroupRepository;
import dev.periodica.store.PgInstanceRepository;
import dev.periodica.store.PgQueueRepository;
import dev.periodica.store.PgReadiness;
import dev.periodica.store.PgReportRepository;
import dev.periodica.store.PgReportTaskRepository;
import dev.periodica.store.PgRunQueueRepository;
import dev.periodica.store.PgRunRepository;
import dev.periodica.store.PgRunStatsRepository;
import dev.periodica.store.PgUserRepository;
import dev.periodica.store.PgWidgetRepository;
import dev.periodica.task.QueueService;
import dev.periodica.task.ReportTaskService;
import dev.periodica.task.TaskReports;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * The object graph of one server process, built once: repositories, services, job kinds, the
 * scheduler and the executor. {@link Application} only deploys the verticles that use them, so
 * every verticle instance shares the same file store, meters and connection counts.
 */
final class Components {
  private final RunMeters meters;
  private final InstanceHeartbeat heartbeat;
  private final FileStore files;
  private final PgRunRepository runs;
  private final ApiServices services;
  private final ApiLimits limits;
  private final SchedulerService scheduler;
  private final RunHousekeeping housekeeping;
  private final RunStatsRollup statsRollup;
  private final RunRetention retention;
  private final JobRegistry jobs;
  private final ReportGenerationJob reportGeneration;
  private final ServiceJobs serviceJobs;
  private final RetryPolicy retry;
  private final EngineConfig engine;
  private final Clock clock;
  private final UUID instanceId;
  private final Calendars calendars;

  Components(
      Vertx vertx,
      AppConfig config,
      Clock clock,
      Pool pool,
      DatasetAccess datasets,
      PgReadiness readiness,
      UUID instanceId,
      Optional<PrometheusMeterRegistry> metrics) {
    this.engine = config.engine();
    this.clock = clock;
    this.instanceId = instanceId;
    this.calendars = calendars(config);
    String name = config.instanceName().orElseGet(() -> nameOf(hostName()));
    this.meters = metrics.<RunMeters>map(RunMeters::new).orElseGet(RunMeters::none);
    this.heartbeat =
        new InstanceHeartbeat(
            new PgInstanceRepository(pool),
            new Instance(instanceId, name, hostName(), version(), Timestamps.now(clock)),
            clock,
            engine.instanceDeadAfter());
    this.files =
        new FileStore(
            vertx, config.reporting().reportsDir().orElse(config.dataDir().resolve("reports")));
    this.runs = new PgRunRepository(pool);
    this.retention =
        new RunRetention(runs, clock, engine.retentionAge(), engine.retentionPerTask(), files);
    this.reportGeneration =
        new ReportGenerationJob(
            vertx,
            new PgReportRepository(pool),
            new PgWidgetRepository(pool),
            datasets,
            files,
            ReportFonts.of(config.reporting().systemFonts()));
    this.jobs = new JobRegistry().register(reportGeneration);
    jobs.register(new RetentionJob(retention));
    jobs.register(
        new DatasetExportJob(
            vertx, new ExportQueries(datasets), new DatasetExporter(vertx, datasets, files)));
    jobs.register(new HttpRequestJob(vertx, config.jobs().httpAllowedHosts()));
    if (engine.diagnosticJobs()) {
      jobs.register(new DiagnosticSleepJob(vertx));
    }
    jobs.register(new UnconfiguredServiceJob(ConfigKeys.SERVICE_JOBS));
    this.serviceJobs = serviceJobs(config, jobs);
    this.services =
        services(
            pool,
            clock,
            readiness,
            datasets,
            metrics,
            config.access().adminUserIds(),
            config.sops(),
            config.reporting().previewTimeoutMillis());
    this.limits = apiLimits(config.http(), metrics);
    this.scheduler =
        new SchedulerService(
            new PgDueTaskRepository(pool),
            new FirePlanner(
                engine.misfireThreshold(), engine.catchUpWindow(), engine.maxCatchUp(), calendars),
            new PlacementPlanner(new LiveInstance(instanceId, name), engine.instanceDeadAfter()),
            clock,
            engine.batch(),
            engine.maxCatchUpPerTick(),
            meters);
    this.housekeeping =
        new RunHousekeeping(runs, clock, engine.pinnedGiveUp(), engine.instanceDeadAfter());
    this.statsRollup =
        new RunStatsRollup(new PgRunStatsRepository(pool), clock, engine.statsRecount());
    this.retry = new RetryPolicy(engine.retryBase(), engine.retryCap(), Math::random);
  }

  ApiServices services() {
    return services;
  }

  ApiLimits limits() {
    return limits;
  }

  InstanceHeartbeat heartbeat() {
    return heartbeat;
  }

  SchedulerService scheduler() {
    return scheduler;
  }

  RunHousekeeping housekeeping() {
    return housekeeping;
  }

  RunRetention retention() {
    return retention;
  }

  RunStatsRollup statsRollup() {
    return statsRollup;
  }

  /** An executor for one worker verticle: each holds its own runs in flight. */
  RunExecutor executor() {
    return new RunExecutor(
        runs, jobs, retry, clock, instanceId, engine.lease(), engine.workerConcurrency(), meters);
  }

  private ApiServices services(
      Pool pool,
      Clock clock,
      PgReadiness readiness,
      DatasetAccess datasets,
      Optional<PrometheusMeterRegistry> metrics,
      java.util.Set<UUID> administrators,
      dev.periodica.config.SopsConfig sops,
      int previewTimeoutMillis) {
    var groupRepository = new PgGroupRepository(pool);
    var categoryRepository = new PgCategoryRepository(pool);
    var dashboardRepository = new PgDashboardRepository(pool);
    var widgetRepository = new PgWidgetRepository(pool);
    var planner = new SchedulePlanner(calendars);
    var taskRepository = new PgReportTaskRepository(pool, clock, planner);
    var groups = new GroupService(groupRepository, clock);
    var categories = new CategoryService(categoryRepository, clock);
    var dashboards = new DashboardService(dashboardRepository, groups, clock);
    var queries = new DatasetSeriesCheck(new WidgetQueries(datasets));
    var widgets = new WidgetService(widgetRepository, dashboards, queries, clock);
    var reports =
        new ReportService(
            new PgReportRepository(pool), categories, dashboards, groups, widgets, queries, clock);
    var details =
        new ReportDetailsLoader(
            categoryRepository,
            dashboardRepository,
            widgetRepository,
            taskRepository,
            new PgUserRepository(pool),
            groupRepository);
    TaskReports taskReports =
        (caller, id) ->
            reports
                .get(caller, id)
                .map(
                    report ->
                        new TaskReports.Target(
                            report.id(), report.ownerId(), report.fields().isSystem()));
    RunQueue runQueue =
        new RunQueue(new PgRunQueueRepository(pool, engine.instanceDeadAfter()), clock);
    return new ApiServices(
        groups,
        categories,
        dashboards,
        widgets,
        reports,
        details,
        new ReportTaskService(taskRepository, taskReports, planner, jobs, clock),
        new dev.periodica.store.PgTaskWithReportReader(pool),
        jobs,
        new SchedulePreview(clock, calendars),
        runQueue,
        datasets.catalog(),
        files,
        heartbeat,
        readiness,
        metrics,
        administrators,
        new QueueService(new PgQueueRepository(pool)),
        new UserService(new PgUserRepository(pool), clock),
        sops,
        serviceJobs,
        new dev.periodica.run.RunActions(
            new dev.periodica.store.PgRunActionRepository(pool), runQueue, clock),
        new dev.periodica.access.WsTickets(
            new dev.periodica.store.PgWsTicketRepository(pool), clock),
        new ReportPreviews(reports, reportGeneration, clock, previewTimeoutMillis));
  }

  /** {@code SERVICE_JOBS}, each code's kind checked against the registry at start-up. */
  private static ServiceJobs serviceJobs(AppConfig config, JobRegistry jobs) {
    java.util.Map<String, ServiceJobs.ServiceJob> codes = new java.util.HashMap<>();
    config
        .serviceJobs()
        .codes()
        .forEach(
            (code, entry) ->
                codes.put(code, new ServiceJobs.ServiceJob(entry.job(), entry.params())));
    return new ServiceJobs(codes).checkedAgainst(jobs, ConfigKeys.SERVICE_JOBS);
  }

  /** The calendars tasks name, {@code work} being {@code WORK_CALENDAR}, checked at start-up. */
  private static Calendars calendars(AppConfig config) {
    if (config.workCalendar().isEmpty()) {
      return Calendars.defaults();
    }
    try {
      return new Calendars(Calendars.parse(config.workCalendar().get(), "WORK_CALENDAR"));
    } catch (dev.periodica.common.Invalid e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** One for the whole process, so every API verticle counts the same connections. */
  private static ApiLimits apiLimits(HttpConfig http, Optional<PrometheusMeterRegistry> metrics) {
    MeterRegistry registry =
        metrics.<MeterRegistry>map(r -> r).orElseGet(CompositeMeterRegistry::new);
    return new ApiLimits(
        http.idleTimeout(),
        http.metricsToken(),
        new OriginPolicy(http.allowedOrigins()),
        new ProgressConnections(http.wsMaxConnectionsPerUser(), registry),
        new dev.periodica.api.ConsoleSettings(http.consoleReadOnly(), http.consoleDevIdentity()));
  }

  /** The host name made a valid instance name (the default of {@code INSTANCE_NAME}). */
  static String nameOf(String host) {
    String name = host.replaceAll("[^A-Za-z0-9._-]", "-").replaceAll("^[._-]+", "");
    if (name.length() > AppConfig.MAX_INSTANCE_NAME) {
      name = name.substring(0, AppConfig.MAX_INSTANCE_NAME);
    }
    return name.isEmpty() ? "unknown" : name;
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown";
    }
  }

  private static String version() {
    String version = Components.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }
}
