package dev.periodica.api;

import dev.periodica.access.GroupService;
import dev.periodica.common.Readiness;
import dev.periodica.dataset.DatasetCatalog;
import dev.periodica.job.FileStore;
import dev.periodica.report.CategoryService;
import dev.periodica.report.DashboardService;
import dev.periodica.report.ReportService;
import dev.periodica.report.WidgetService;
import dev.periodica.run.JobCatalog;
import dev.periodica.run.RunQueue;
import dev.periodica.schedule.InstanceHeartbeat;
import dev.periodica.schedule.SchedulePreview;
import dev.periodica.task.ReportTaskService;

/** The services the API hands its work to, built once at start-up. */
public record ApiServices(
    GroupService groups,
    CategoryService categories,
    DashboardService dashboards,
    WidgetService widgets,
    ReportService reports,
    ReportDetailsLoader reportDetails,
    ReportTaskService tasks,
    dev.periodica.task.TaskWithReportReader<dev.periodica.report.ReportWithUsers> taskReads,
    JobCatalog jobs,
    SchedulePreview schedulePreview,
    RunQueue runQueue,
    DatasetCatalog datasets,
    FileStore files,
    InstanceHeartbeat instances,
    Readiness readiness,
    java.util.Optional<io.micrometer.prometheusmetrics.PrometheusMeterRegistry> metrics,
    java.util.Set<java.util.UUID> administrators,
    dev.periodica.task.QueueService queue,
    dev.periodica.access.UserService users,
    dev.periodica.config.SopsConfig sops,
    dev.periodica.run.ServiceJobs serviceJobs,
    dev.periodica.run.RunActions runActions,
    dev.periodica.access.WsTickets wsTickets,
    dev.periodica.job.ReportPreviews previews) {}
