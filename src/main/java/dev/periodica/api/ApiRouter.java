package dev.periodica.api;

import dev.periodica.access.Caller;
import dev.periodica.access.Group;
import dev.periodica.access.GroupDraft;
import dev.periodica.api.CrudHandlers.Spec;
import dev.periodica.api.compat.Facades;
import dev.periodica.common.Messages;
import dev.periodica.common.NotFound;
import dev.periodica.report.Category;
import dev.periodica.report.CategoryDraft;
import dev.periodica.report.Dashboard;
import dev.periodica.report.DashboardDraft;
import dev.periodica.report.Report;
import dev.periodica.report.ReportDraft;
import dev.periodica.report.ReportService;
import dev.periodica.report.ReportWithUsers;
import dev.periodica.report.Widget;
import dev.periodica.report.WidgetDraft;
import dev.periodica.task.ReportTask;
import dev.periodica.task.ReportTaskService;
import dev.periodica.task.TaskDraft;
import dev.periodica.task.TaskWithReport;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.function.Function;

/**
 * Builds the HTTP router: {@code /health} and {@code /ready} at the root, and under the prefix the
 * native API from the OpenAPI contract (validated by it) plus the contract itself.
 */
public final class ApiRouter {
  private ApiRouter() {}

  public static Future<Router> create(
      Vertx vertx, ApiServices services, String prefix, long bodyLimitBytes, ApiLimits limits) {
    return ApiContract.load(vertx, prefix, services.jobs().names())
        .map(contract -> build(vertx, services, prefix, bodyLimitBytes, limits, contract))
        .compose(root -> mountFacades(vertx, root, services, bodyLimitBytes));
  }

  /** The other systems' APIs (seeds 001–004), each under its own paths, beside the native one. */
  private static Future<Router> mountFacades(
      Vertx vertx, Router root, ApiServices services, long bodyLimitBytes) {
    return Future.all(
            Facades.all().stream()
                .map(facade -> facade.mount(vertx, root, services, bodyLimitBytes))
                .toList())
        .map(root);
  }

  private static Router build(
      Vertx vertx,
      ApiServices services,
      String prefix,
      long bodyLimitBytes,
      ApiLimits limits,
      ApiContract contract) {
    RequestExtractor extractor = RequestExtractor.withBodyHandler();
    RouterBuilder builder = RouterBuilder.create(vertx, contract.contract(), extractor);
    InlineRequestValidation.install(vertx, contract.contract(), builder, extractor);
    mountResources(builder, services);
    mountSchedules(builder, services);

    Router root = Router.router(vertx);
    HealthHandlers health = new HealthHandlers(services.readiness());
    root.get("/health").handler(health::health);
    root.get("/ready").handler(health::ready);
    // on the public port only for scrapers bearing the token; else on METRICS_PORT alone
    if (limits.metricsToken().isPresent()) {
      services
          .metrics()
          .ifPresent(
              registry ->
                  root.get("/metrics")
                      .handler(new MetricsHandler(registry, limits.metricsToken())));
    }
    root.get(prefix + "/openapi.yaml")
        .handler(
            ctx ->
                ctx.response()
                    .putHeader("content-type", "application/yaml; charset=utf-8")
                    .end(contract.yaml()));
    ProgressHub progress =
        new ProgressHub(vertx, services.runQueue(), limits, services.wsTickets());
    root.get(prefix + "/ws").handler(progress::handle);
    CrossSiteGuard.mount(root, limits.origins());
    ConsoleRoutes.mount(root, prefix, limits.console());
    RoutersBySegment operations = RoutersBySegment.of(prefix, builder, contract.contract());
    // the body and the caller first, for every path under the prefix, as the contract's own
    // router did before matching any operation
    root.route(prefix + "/*")
        .handler(BodyHandler.create(false).setBodyLimit(bodyLimitBytes))
        .handler(new CallerHandler(services.administrators()))
        .handler(operations::handle)
        .failureHandler(operations::handleFailure);
    root.route().failureHandler(ctx -> ErrorResponses.fail(ctx, ctx.failure()));
    for (int status : new int[] {404, 405, 413, 415}) {
      root.errorHandler(
          status, ctx -> ErrorResponses.write(ctx, status, ErrorResponses.reason(status)));
    }
    return root;
  }

  private static void mountResources(RouterBuilder builder, ApiServices services) {
    new CrudHandlers<Group, GroupDraft>(
            services.groups(),
            new Spec<>(
                "Group", "group", new GroupParser(), Views::group, plain(Views::group), null, null))
        .mount(builder);
    new CrudHandlers<Category, CategoryDraft>(
            services.categories(),
            new Spec<>(
                "Category",
                "category",
                new CategoryParser(),
                Views::category,
                plain(Views::category),
                "parent_id",
                "parent category"))
        .mount(builder);
    new CrudHandlers<Dashboard, DashboardDraft>(
            services.dashboards(),
            new Spec<>(
                "Dashboard",
                "dashboard",
                new DashboardParser(),
                Views::dashboard,
                plain(Views::dashboard),
                null,
                null))
        .mount(builder);
    new CrudHandlers<Widget, WidgetDraft>(
            services.widgets(),
            new Spec<>(
                "Widget",
                "widget",
                new WidgetParser(),
                Views::widget,
                plain(Views::widget),
                "dashboard_id",
                "dashboard"))
        .mount(builder);
    new CrudHandlers<Report, ReportDraft>(
            services.reports(),
            new Spec<>(
                "Report",
                "report",
                new ReportParser(),
                Views::report,
                (caller, report) ->
                    services.reportDetails().load(caller, report).map(Views::report),
                "category_id",
                "category"))
        .detailById(
            (caller, id) ->
                services
                    .taskReads()
                    .findReport(caller, id)
                    .map(
                        found ->
                            found.orElseThrow(
                                () -> new NotFound(Messages.notFound(ReportService.THING))))
                    .compose(
                        read ->
                            services
                                .reportDetails()
                                .loadWithLatestTask(caller, read.report(), read.latest()))
                    .map(Views::report))
        .mount(builder);
    new CrudHandlers<ReportTask, TaskDraft>(
            services.tasks(),
            new Spec<>(
                "ReportTask",
                "task",
                new TaskParser(services.jobs()),
                Views::task,
                (caller, task) -> taskDetail(services, caller, task),
                "report_id",
                "report"))
        .detailById(
            (caller, id) ->
                services
                    .taskReads()
                    .findVisible(caller, id)
                    .map(
                        found ->
                            found.orElseThrow(
                                () -> new NotFound(Messages.notFound(ReportTaskService.THING))))
                    .compose(read -> taskView(services, caller, read)))
        .creator(
            (caller, draft) -> {
              ReportReadOnce report = new ReportReadOnce(services.reports());
              return services
                  .tasks()
                  .create(caller, draft, report)
                  .compose(
                      task -> {
                        ReportWithUsers read = report.after(task);
                        return read == null
                            ? taskDetail(services, caller, task)
                            : taskView(services, caller, task, read);
                      });
            })
        .filters("name", "job", "enabled")
        .mount(builder);
  }

  /** A task as its detail view shows it, its report read for it. */
  private static Future<JsonObject> taskDetail(
      ApiServices services, Caller caller, ReportTask task) {
    return task.fields().reportId() == null
        ? taskView(services, caller, task, null)
        : services
            .reports()
            .getWithUsers(caller, task.fields().reportId())
            .compose(read -> taskView(services, caller, task, read));
  }

  /** A task read with its report and the report's latest task, as its detail view shows it. */
  private static Future<JsonObject> taskView(
      ApiServices services, Caller caller, TaskWithReport<ReportWithUsers> read) {
    if (read.report() == null) {
      return taskView(services, caller, read.task(), null);
    }
    return services
        .reportDetails()
        .loadWithLatestTask(caller, read.report(), read.latest())
        .map(report -> Views.task(new TaskDetails(read.task(), report)));
  }

  /** A task as its detail view shows it, with {@code report} (null for none) expanded. */
  private static Future<JsonObject> taskView(
      ApiServices services, Caller caller, ReportTask task, ReportWithUsers report) {
    return report == null
        ? Future.succeededFuture(Views.task(new TaskDetails(task, null)))
        : services
            .reportDetails()
            .load(caller, report, task)
            .map(details -> Views.task(new TaskDetails(task, details)));
  }

  static void mountSchedules(RouterBuilder builder, ApiServices services) {
    new ScheduleHandlers(services.schedulePreview(), services.tasks()).mount(builder);
    new RunHandlers(services.runQueue(), services.instances(), services.files()).mount(builder);
    new DatasetHandlers(services.datasets()).mount(builder);
    new JobHandlers(services.jobs()).mount(builder);
    new GenerateHandlers(services.tasks()).mount(builder);
    new PreviewHandlers(services.previews()).mount(builder);
    new UserHandlers(services.users()).mount(builder);
    new ConsoleHandlers(services.runActions(), services.wsTickets()).mount(builder);
  }

  private static <T> java.util.function.BiFunction<Caller, T, Future<JsonObject>> plain(
      Function<T, JsonObject> view) {
    return (caller, item) -> Future.succeededFuture(view.apply(item));
  }

  /** Liveness and readiness for load balancers and orchestrators. */
  private record HealthHandlers(dev.periodica.common.Readiness readiness) {
    void health(RoutingContext ctx) {
      ctx.json(new JsonObject().put("status", "UP"));
    }

    void ready(RoutingContext ctx) {
      readiness
          .isReady()
          .otherwise(false)
          .onComplete(
              result -> {
                boolean ready = Boolean.TRUE.equals(result.result());
                ctx.response()
                    .setStatusCode(ready ? 200 : 503)
                    .putHeader("content-type", "application/json")
                    .end(new JsonObject().put("status", ready ? "UP" : "DOWN").encode());
              });
    }
  }
}
