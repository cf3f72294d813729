package dev.periodica.job;

import dev.periodica.common.Invalid;
import dev.periodica.dataset.CompiledQuery;
import dev.periodica.dataset.Dataset;
import dev.periodica.dataset.DatasetAccess;
import dev.periodica.dataset.Period;
import dev.periodica.render.DocumentBuilder;
import dev.periodica.render.Presentation;
import dev.periodica.render.ReportFonts;
import dev.periodica.render.ReportFormat;
import dev.periodica.render.SeriesResult;
import dev.periodica.render.WidgetKind;
import dev.periodica.report.Report;
import dev.periodica.report.ReportRepository;
import dev.periodica.report.Widget;
import dev.periodica.report.WidgetRepository;
import dev.periodica.run.ClaimedRun;
import dev.periodica.run.JobContext;
import dev.periodica.run.JobFailure;
import dev.periodica.run.JobKind;
import dev.periodica.run.JobParams;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code report.generate}: runs every series of the report's pages for the period at the run's fire
 * time, renders the results in the task's {@code params.format}, stores the file and attaches it to
 * the run. Progress: 5 once the report is read, up to 90 as series finish, 95 rendered. Bad data (a
 * deleted report, a query that no longer compiles) ends the run {@code error}; a failed file write
 * ends it {@code need_restart}, to be retried.
 */
public final class ReportGenerationJob implements JobKind {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(ReportGenerationJob.class);
  public static final String KIND = "report.generate";

  /** One series to run, with where it sits in the report. */
  private record Series(
      int page, String widget, String name, JsonObject spec, JsonObject presentation) {}

  private final Vertx vertx;
  private final ReportRepository reports;
  private final WidgetRepository widgets;
  private final DatasetAccess datasets;
  private final FileStore files;
  private final ReportFonts fonts;

  public ReportGenerationJob(
      Vertx vertx,
      ReportRepository reports,
      WidgetRepository widgets,
      DatasetAccess datasets,
      FileStore files,
      ReportFonts fonts) {
    this.vertx = vertx;
    this.reports = reports;
    this.widgets = widgets;
    this.datasets = datasets;
    this.files = files;
    this.fonts = fonts;
  }

  @Override
  public String name() {
    return KIND;
  }

  @Override
  public String description() {
    return "Builds the task's report for the period at each fire time and stores it as a file";
  }

  @Override
  public boolean needsReport() {
    return true;
  }

  @Override
  public JsonObject paramsSchema() {
    return new JsonObject()
        .put("type", "object")
        .put(
            "properties",
            new JsonObject()
                .put(
                    "format",
                    new JsonObject()
                        .put("type", "string")
                        .put("enum", new JsonArray(ReportFormat.names()))
                        .put("default", ReportFormat.PDF.extension()))
                .put(
                    "constants",
                    new JsonObject()
                        .put("type", "object")
                        .put(
                            "description",
                            "values of ${key} in the report's queries (without it, the other"
                                + " params are the constants)")));
  }

  @Override
  public Future<Void> checkParams(JsonObject params) {
    return JobParams.check(
        () -> {
          format(params);
          JobParams.object(params, "constants");
        });
  }

  /** The requested format, {@code pdf} when none is. */
  private static ReportFormat format(JsonObject params) {
    String name = JobParams.oneOf(params, "format", ReportFormat.names(), true);
    return name == null ? ReportFormat.PDF : ReportFormat.of(name).orElseThrow();
  }

  @Override
  public Future<Void> run(JobContext context) {
    ClaimedRun claimed = context.run();
    JsonObject params = context.params();
    ReportFormat format;
    try {
      // checked when saved; a task stored before that may still hold a format that is not one
      format = format(params);
    } catch (Invalid e) {
      return Future.failedFuture(JobFailure.permanent(e.getMessage()));
    }
    Instant fireTime = claimed.run().scheduledFor().toInstant();
    JsonObject constants =
        params.getValue("constants") instanceof JsonObject given ? given : params;
    return reports
        .findById(claimed.run().reportId())
        .compose(
            found -> {
              Report report =
                  found.orElseThrow(() -> JobFailure.permanent("the report was deleted"));
              context.progress(5);
              List<SeriesResult> results = new ArrayList<>();
              return series(report)
                  .compose(all -> runAll(context, report, all, fireTime, constants))
                  .compose(
                      all -> {
                        results.addAll(all);
                        return render(report, format, fireTime, all);
                      })
                  .compose(
                      bytes ->
                          files
                              .store(
                                  claimed.run().id(),
                                  fileName(report, fireTime, format),
                                  format.contentType(),
                                  bytes)
                              .recover(
                                  e ->
                                      Future.failedFuture(
                                          JobFailure.transientFailure(
                                              "the report file could not be stored: "
                                                  + e.getMessage()))))
                  .compose(file -> context.attach(file).map(file))
                  .compose(file -> context.result(result(file, format, results)));
            })
        .recover(ReportGenerationJob::classify);
  }

  /**
   * The report rendered now, for a caller who checks it before scheduling it: the same queries for
   * the period at {@code now}, the report's own constants, a PDF cut at {@code maxPages} pages;
   * nothing is stored. Fails {@link PreviewTimeout} after {@code timeoutMillis} (the rendering
   * itself, once started, finishes in the background, bounded by the page limit).
   */
  public Future<byte[]> preview(
      Report report, ReportFormat format, Instant now, long timeoutMillis, int maxPages) {
    io.vertx.core.Promise<byte[]> answer = io.vertx.core.Promise.promise();
    long timer =
        vertx.setTimer(timeoutMillis, id -> answer.tryFail(new PreviewTimeout(timeoutMillis)));
    boolean[] late = new boolean[1];
    series(report)
        .compose(all -> runAll(done -> {}, () -> late[0], report, all, now, new JsonObject()))
        .compose(
            all ->
                late[0] ? Future.failedFuture("late") : render(report, format, now, all, maxPages))
        .onComplete(
            done -> {
              vertx.cancelTimer(timer);
              if (done.succeeded()) {
                answer.tryComplete(done.result());
              } else {
                Throwable failure = done.cause();
                answer.tryFail(
                    failure instanceof JobFailure ? new Invalid(failure.getMessage()) : failure);
              }
            });
    return answer.future().onFailure(e -> late[0] = true);
  }

  /**
   * A preview that took longer than {@code PREVIEW_TIMEOUT_MS}: 503, the caller may schedule it.
   */
  public static final class PreviewTimeout extends dev.periodica.common.PeriodicaException {
    PreviewTimeout(long millis) {
      super(
          503,
          "the preview took longer than "
              + millis
              + " ms; generate the report instead (POST /reports/{id}/generate)");
    }
  }

  /**
   * A widget placed by id is read as the report's owner sees it now: a widget whose dashboard was
   * unshared from them since they placed it is not theirs to run any more.
   */
  private Future<List<Series>> series(Report report) {
    dev.periodica.access.Caller owner = new dev.periodica.access.Caller(report.ownerId());
    JsonArray pageList = report.fields().config().getJsonArray("pages", new JsonArray());
    Set<UUID> ids = new HashSet<>();
    for (Object page : pageList) {
      for (Object item : (JsonArray) page) {
        if (((JsonObject) item).getValue("widget_id") instanceof String id) {
          ids.add(UUID.fromString(id));
        }
      }
    }
    // every placed widget in one statement, however many placements the report has
    Future<Map<UUID, Widget>> placed =
        ids.isEmpty()
            ? Future.succeededFuture(Map.of())
            : widgets
                .findVisible(owner, ids)
                .map(
                    found -> {
                      Map<UUID, Widget> byId = new HashMap<>();
                      found.forEach(widget -> byId.put(widget.id(), widget));
                      return byId;
                    });
    return placed.map(byId -> seriesOf(pageList, byId));
  }

  private List<Series> seriesOf(JsonArray pageList, Map<UUID, Widget> widgetsById) {
    List<Series> all = new ArrayList<>();
    for (int page = 0; page < pageList.size(); page++) {
      for (Object item : pageList.getJsonArray(page)) {
        JsonObject placement = (JsonObject) item;
        int pageNumber = page + 1;
        if (placement.getValue("widget_id") instanceof String id) {
          Widget w = widgetsById.get(UUID.fromString(id));
          if (w == null) {
            throw JobFailure.permanent(
                "a widget of the report was deleted, or its dashboard is no"
                    + " longer shared with the report's owner: "
                    + id);
          }
          all.addAll(
              seriesOf(pageNumber, w.fields().name(), w.fields().config(), w.fields().settings()));
        } else if (placement.getValue("widget") instanceof JsonObject inline) {
          JsonObject config = inline.getValue("config") instanceof JsonObject c ? c : inline;
          all.addAll(
              seriesOf(
                  pageNumber,
                  Presentation.text(inline, "name", "widget"),
                  config,
                  Presentation.object(inline, "settings")));
        }
      }
    }
    return all;
  }

  /**
   * The series of one widget, sharing one presentation: the widget config's {@code settings},
   * unless only the widget settings' own {@code settings} says which {@code kind} it is. A text or
   * image widget has no series and gives one empty one, so it still takes its place in the report.
   */
  private static List<Series> seriesOf(
      int page, String widget, JsonObject config, JsonObject settings) {
    JsonObject own = config.getValue("settings") instanceof JsonObject o ? o : null;
    JsonObject nested =
        settings != null && settings.getValue("settings") instanceof JsonObject n ? n : null;
    JsonObject presentation =
        own != null && (own.containsKey("kind") || nested == null)
            ? own
            : nested != null ? nested : new JsonObject();
    List<Series> list = new ArrayList<>();
    for (JsonObject holder : new JsonObject[] {config, settings}) {
      if (holder != null && holder.getValue("series") instanceof JsonArray series) {
        for (Object item : series) {
          JsonObject spec = (JsonObject) item;
          list.add(
              new Series(
                  page,
                  widget,
                  Presentation.text(spec, "name", "series " + (list.size() + 1)),
                  spec,
                  presentation));
        }
      }
    }
    if (list.isEmpty() && WidgetKind.of(presentation).showsContent()) {
      list.add(new Series(page, widget, "", new JsonObject(), presentation));
    }
    return list;
  }

  private Future<List<SeriesResult>> runAll(
      JobContext context, Report report, List<Series> all, Instant fireTime, JsonObject constants) {
    return runAll(context::progress, context::cancelled, report, all, fireTime, constants);
  }

  private Future<List<SeriesResult>> runAll(
      java.util.function.IntConsumer progress,
      java.util.function.BooleanSupplier cancelled,
      Report report,
      List<Series> all,
      Instant fireTime,
      JsonObject constants) {
    List<SeriesResult> results = new ArrayList<>();
    // each dataset is looked up once per run, however many series read it
    Map<String, Future<Dataset>> lookups = new HashMap<>();
    Future<Void> chain = Future.succeededFuture();
    for (int i = 0; i < all.size(); i++) {
      Series series = all.get(i);
      int done = i + 1;
      chain =
          chain.compose(
              v -> {
                if (cancelled.getAsBoolean()) {
                  return Future.failedFuture(JobFailure.permanent("cancelled"));
                }
                return runOne(report, series, fireTime, constants, lookups)
                    .map(
                        result -> {
                          results.add(result);
                          progress.accept(5 + 85 * done / all.size());
                          return null;
                        });
              });
    }
    return chain.map(v -> results);
  }

  private Future<SeriesResult> runOne(
      Report report,
      Series series,
      Instant fireTime,
      JsonObject constants,
      Map<String, Future<Dataset>> lookups) {
    JsonObject spec = series.spec();
    Object reportPeriod =
        Presentation.object(report.fields().settings(), "general").getValue("period");
    if (reportPeriod != null && !(reportPeriod instanceof JsonArray)) {
      throw new Invalid(
          "settings.general.period should be two expressions such as [\"now-1d\", \"now\"]");
    }
    JsonArray periodSpec =
        spec.getValue("period") instanceof JsonArray own ? own : (JsonArray) reportPeriod;
    if (spec.getValue("query") instanceof JsonObject query
        && query.getValue("dataset") instanceof String name) {
      return lookups
          .computeIfAbsent(name, datasets.catalog()::require)
          .compose(
              dataset ->
                  run(
                      series,
                      datasets.structured(query, dataset, periodSpec, fireTime, constants)));
    }
    if (spec.getValue("sql") instanceof String sql && !sql.isBlank()) {
      if (datasets.rawSqlRefusal().isPresent()) {
        return Future.failedFuture(JobFailure.permanent(datasets.rawSqlRefusal().get()));
      }
      return run(series, datasets.raw(sql, periodSpec, fireTime, constants));
    }
    return Future.succeededFuture(
        new SeriesResult(
            series.page(),
            series.widget(),
            series.name(),
            List.of(),
            List.of(),
            series.presentation()));
  }

  private Future<SeriesResult> run(Series series, CompiledQuery query) {
    return datasets
        .runner()
        .run(query)
        .map(
            answer ->
                new SeriesResult(
                    series.page(),
                    series.widget(),
                    series.name(),
                    query.columns().isEmpty() ? answer.columns() : query.columns(),
                    answer.rows(),
                    series.presentation()));
  }

  private Future<byte[]> render(
      Report report, ReportFormat format, Instant fireTime, List<SeriesResult> results) {
    return render(report, format, fireTime, results, Integer.MAX_VALUE);
  }

  private Future<byte[]> render(
      Report report,
      ReportFormat format,
      Instant fireTime,
      List<SeriesResult> results,
      int maxPages) {
    return vertx
        .executeBlocking(
            () ->
                format
                    .renderer(fonts, maxPages)
                    .render(
                        DocumentBuilder.of(
                            report.fields().name(), report.fields().settings(), fireTime, results)),
            false)
        .recover(
            failure -> {
              if (failure instanceof Invalid || !(failure instanceof RuntimeException)) {
                return Future.failedFuture(failure);
              }
              // rendering is deterministic: the same report would fail the same way on a retry
              LOG.warn("report {} could not be rendered", report.id(), failure);
              return Future.failedFuture(
                  JobFailure.permanent("the report could not be rendered: " + failure));
            });
  }

  /** The file and what went into it: series with data, and their rows in all. */
  private static JsonObject result(
      dev.periodica.run.RunFile file, ReportFormat format, List<SeriesResult> results) {
    List<SeriesResult> tabular = results.stream().filter(r -> !r.columns().isEmpty()).toList();
    return new JsonObject()
        .put("file", file.name())
        .put("format", format.extension())
        .put("size", file.size())
        .put("series", tabular.size())
        .put("rows", tabular.stream().mapToInt(r -> r.rows().size()).sum());
  }

  private static String fileName(Report report, Instant fireTime, ReportFormat format) {
    JsonObject general = Presentation.object(report.fields().settings(), "general");
    Object mask = general.getValue("name_mask");
    Period period;
    try {
      period = Period.resolve(general.getJsonArray("period"), fireTime);
    } catch (Invalid | ClassCastException e) {
      period = null;
    }
    return FileNames.of(
        mask instanceof String text ? text : null,
        report.fields().name(),
        fireTime,
        period,
        format.extension());
  }

  /** Bad data is permanent; unexpected failures (database down, …) are worth a retry. */
  private static Future<Void> classify(Throwable failure) {
    if (failure instanceof JobFailure) {
      return Future.failedFuture(failure);
    }
    if (failure instanceof Invalid
        || failure instanceof ClassCastException
        || failure instanceof IllegalArgumentException) {
      return Future.failedFuture(
          JobFailure.permanent("the report cannot be built: " + failure.getMessage()));
    }
    return Future.failedFuture(JobFailure.transientFailure(String.valueOf(failure.getMessage())));
  }
}
