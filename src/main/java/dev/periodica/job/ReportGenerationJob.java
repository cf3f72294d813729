package dev.periodica.job;

import dev.periodica.common.Invalid;
import dev.periodica.dataset.CompiledQuery;
import dev.periodica.dataset.Dataset;
import dev.periodica.dataset.DatasetAccess;
import dev.periodica.dataset.Period;
import dev.periodica.render.Block;
import dev.periodica.render.DocumentBuilder;
import dev.periodica.render.Presentation;
import dev.periodica.render.ReportDocument;
import dev.periodica.render.ReportFonts;
import dev.periodica.render.ReportFormat;
import dev.periodica.render.StreamingRenderer;
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
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code report.generate}: runs every series of the report's pages for the period at the run's fire
 * time, fills a {@link ReportDocument} with the results ({@link DocumentBuilder}), renders it in
 * the task's {@code params.format}, stores the file and attaches it to the run. A PDF is laid out
 * from the whole document; CSV, XLSX and JSON are streamed: the document's structure is built first
 * (the columns of each series, asked of the database for raw SQL), then each series' rows are
 * written into the file as its query's cursor gives them, through the engine of {@code
 * dataset.export} ({@link DatasetExporter}), so an output of any size never sits whole in memory.
 * Progress: 5 once the report is read, up to 90 as series finish. Bad data (a deleted report, a
 * query that no longer compiles) ends the run {@code error}; a failed file write ends it {@code
 * need_restart}, to be retried.
 */
public final class ReportGenerationJob implements JobKind {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(ReportGenerationJob.class);
  public static final String KIND = "report.generate";

  /** How failures of a report's file name it. */
  static final DatasetExporter.Wording WORDING =
      new DatasetExporter.Wording("report", "the report cannot be built: ");

  /** One series to run, with where it sits in the report ({@code placement}: its widget's). */
  private record Series(
      int placement,
      int page,
      String widget,
      String name,
      JsonObject spec,
      JsonObject presentation) {}

  /** A series with its statement for the period (null: a series without a query, no rows). */
  private record Planned(Series series, CompiledQuery query) {}

  /** A series' columns and, once collected, its rows. */
  private record Answer(List<String> columns, List<List<Object>> rows) {}

  private final Vertx vertx;
  private final ReportRepository reports;
  private final WidgetRepository widgets;
  private final DatasetAccess datasets;
  private final FileStore files;
  private final DatasetExporter exporter;
  private final ReportFonts fonts;
  private final io.vertx.core.WorkerExecutor renders;

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
    this.exporter = new DatasetExporter(vertx, datasets, files);
    this.fonts = fonts;
    // as many renders at once as cores (each is CPU work and holds parsed fonts): sixteen runs
    // rendering at once on two cores only parsed fonts again and waited for each other
    this.renders = vertx.createSharedWorkerExecutor(RENDER_POOL, ReportFonts.rendersAtOnce());
  }

  /** The worker pool reports (runs and previews) are rendered on. */
  static final String RENDER_POOL = "periodica-render";

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
              String fileName = fileName(report, fireTime, format);
              return series(report)
                  .compose(all -> plan(report, all, fireTime, constants))
                  .compose(
                      planned ->
                          format.streaming().isPresent()
                              ? stream(context, report, format, fireTime, planned, fileName)
                              : renderWhole(context, report, format, fireTime, planned, fileName))
                  .compose(done -> context.attach(done.file()).map(done))
                  .compose(done -> context.result(result(done, format)));
            })
        .recover(ReportGenerationJob::classify);
  }

  /** The stored file, and the tabular series and rows that went into it. */
  private record Output(dev.periodica.run.RunFile file, int series, long rows) {}

  /**
   * CSV, XLSX, JSON: the document's structure first (each series' columns), then its rows written
   * into the file as they are read, series after series.
   */
  private Future<Output> stream(
      JobContext context,
      Report report,
      ReportFormat format,
      Instant fireTime,
      List<Planned> planned,
      String fileName) {
    return columns(planned, context::cancelled)
        .compose(
            columns -> {
              DocumentBuilder builder =
                  new DocumentBuilder(report.fields().name(), report.fields().settings(), fireTime);
              Map<Block, DatasetExporter.Part> parts = new IdentityHashMap<>();
              forEachWidget(
                  planned,
                  (from, to) -> {
                    List<DocumentBuilder.Series> series = new ArrayList<>();
                    for (int i = from; i < to; i++) {
                      series.add(
                          new DocumentBuilder.Series(
                              planned.get(i).series().name(), columns.get(i), List.of()));
                    }
                    Series first = planned.get(from).series();
                    List<Block> added =
                        builder.widget(first.page(), first.widget(), first.presentation(), series);
                    for (int b = 0; b < added.size(); b++) {
                      Block block = added.get(b);
                      boolean rows = block instanceof Block.Chart || block instanceof Block.Table;
                      parts.put(
                          block,
                          rows
                              ? new DatasetExporter.Part(
                                  planned.get(from + b).query(), columns.get(from + b))
                              : new DatasetExporter.Part(null, List.of()));
                    }
                  });
              ReportDocument document = builder.build();
              List<Block> blocks = document.blocks();
              StreamingRenderer renderer = format.streaming().orElseThrow();
              int tabular =
                  (int) blocks.stream().filter(b -> !b.data().columns().isEmpty()).count();
              return exporter
                  .write(
                      new DatasetExporter.Target(
                          context.run().run().id(), fileName, format.contentType(), WORDING),
                      out -> sections(renderer.open(document, out), blocks),
                      blocks.stream().map(parts::get).toList(),
                      Long.MAX_VALUE,
                      Long.MAX_VALUE,
                      progress(context))
                  .map(done -> new Output(done.file(), tabular, done.rows()));
            });
  }

  /** The blocks of a streamed report, one section each. */
  private static DatasetExporter.Sections sections(
      StreamingRenderer.ReportStream stream, List<Block> blocks) {
    return new DatasetExporter.Sections() {
      private int next;

      @Override
      public dev.periodica.render.TableWriter next() throws java.io.IOException {
        return stream.block(blocks.get(next++));
      }

      @Override
      public void finish() throws java.io.IOException {
        stream.finish();
      }
    };
  }

  /** A report's progress as its parts are written: 5 to 90 over the parts; its cancellation. */
  private static ProgressSink progress(JobContext context) {
    return new ProgressSink() {
      @Override
      public void rowsWritten(long rows) {}

      @Override
      public void partWritten(int done, int parts) {
        context.progress(5 + 85 * done / Math.max(1, parts));
      }

      @Override
      public boolean cancelled() {
        return context.cancelled();
      }
    };
  }

  /** PDF: every series' rows read, the whole document rendered, the file stored. */
  private Future<Output> renderWhole(
      JobContext context,
      Report report,
      ReportFormat format,
      Instant fireTime,
      List<Planned> planned,
      String fileName) {
    return collect(planned, context::progress, context::cancelled)
        .compose(
            answers -> {
              ReportDocument document = document(report, fireTime, planned, answers);
              int tabular = 0;
              long rows = 0;
              for (Block block : document.blocks()) {
                if (!block.data().columns().isEmpty()) {
                  tabular++;
                  rows += block.data().rows().size();
                }
              }
              int series = tabular;
              long total = rows;
              return render(report, format, document, Integer.MAX_VALUE)
                  .compose(
                      bytes ->
                          files
                              .store(
                                  context.run().run().id(), fileName, format.contentType(), bytes)
                              .recover(
                                  e ->
                                      Future.failedFuture(
                                          JobFailure.transientFailure(
                                              "the report file could not be stored: "
                                                  + e.getMessage()))))
                  .map(file -> new Output(file, series, total));
            });
  }

  /**
   * The report rendered now, for a caller who checks it before scheduling it: the same queries for
   * the period at {@code now}, the report's own constants, a PDF cut at {@code maxPages} pages;
   * nothing is stored. Fails {@link PreviewTimeout} after {@code timeoutMillis} (the query under
   * way, or the rendering once started, finishes in the background, bounded by the query timeout
   * and the page limit); {@code finished} runs once that background work is over too.
   */
  public Future<byte[]> preview(
      Report report,
      ReportFormat format,
      Instant now,
      long timeoutMillis,
      int maxPages,
      Runnable finished) {
    io.vertx.core.Promise<byte[]> answer = io.vertx.core.Promise.promise();
    long timer =
        vertx.setTimer(timeoutMillis, id -> answer.tryFail(new PreviewTimeout(timeoutMillis)));
    boolean[] late = new boolean[1];
    series(report)
        .compose(all -> plan(report, all, now, new JsonObject()))
        .compose(
            planned ->
                collect(planned, done -> {}, () -> late[0])
                    .map(answers -> document(report, now, planned, answers)))
        .compose(
            document ->
                late[0] ? Future.failedFuture("late") : render(report, format, document, maxPages))
        .onComplete(
            done -> {
              vertx.cancelTimer(timer);
              finished.run();
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
    int placed = 0;
    for (int page = 0; page < pageList.size(); page++) {
      for (Object item : pageList.getJsonArray(page)) {
        JsonObject placement = (JsonObject) item;
        int pageNumber = page + 1;
        int index = placed++;
        if (placement.getValue("widget_id") instanceof String id) {
          Widget w = widgetsById.get(UUID.fromString(id));
          if (w == null) {
            throw JobFailure.permanent(
                "a widget of the report was deleted, or its dashboard is no"
                    + " longer shared with the report's owner: "
                    + id);
          }
          all.addAll(
              seriesOf(
                  index,
                  pageNumber,
                  w.fields().name(),
                  w.fields().config(),
                  w.fields().settings()));
        } else if (placement.getValue("widget") instanceof JsonObject inline) {
          JsonObject config = inline.getValue("config") instanceof JsonObject c ? c : inline;
          all.addAll(
              seriesOf(
                  index,
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
      int placement, int page, String widget, JsonObject config, JsonObject settings) {
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
                  placement,
                  page,
                  widget,
                  Presentation.text(spec, "name", "series " + (list.size() + 1)),
                  spec,
                  presentation));
        }
      }
    }
    if (list.isEmpty() && WidgetKind.of(presentation).showsContent()) {
      list.add(new Series(placement, page, widget, "", new JsonObject(), presentation));
    }
    return list;
  }

  /**
   * Each series' statement for the period at {@code fireTime}, {@code constants} bound; each
   * dataset is looked up once, however many series read it.
   */
  private Future<List<Planned>> plan(
      Report report, List<Series> all, Instant fireTime, JsonObject constants) {
    Object reportPeriod =
        Presentation.object(report.fields().settings(), "general").getValue("period");
    if (reportPeriod != null && !(reportPeriod instanceof JsonArray)) {
      return Future.failedFuture(
          new Invalid(
              "settings.general.period should be two expressions such as [\"now-1d\", \"now\"]"));
    }
    Map<String, Future<Dataset>> lookups = new HashMap<>();
    List<Future<Planned>> planned = new ArrayList<>();
    for (Series series : all) {
      JsonObject spec = series.spec();
      JsonArray period =
          spec.getValue("period") instanceof JsonArray own ? own : (JsonArray) reportPeriod;
      if (spec.getValue("query") instanceof JsonObject query
          && query.getValue("dataset") instanceof String name) {
        planned.add(
            lookups
                .computeIfAbsent(name, datasets.catalog()::require)
                .map(
                    dataset ->
                        new Planned(
                            series,
                            datasets.structured(query, dataset, period, fireTime, constants))));
      } else if (spec.getValue("sql") instanceof String sql && !sql.isBlank()) {
        if (datasets.rawSqlRefusal().isPresent()) {
          return Future.failedFuture(JobFailure.permanent(datasets.rawSqlRefusal().get()));
        }
        planned.add(
            Future.succeededFuture(
                new Planned(series, datasets.raw(sql, period, fireTime, constants))));
      } else {
        planned.add(Future.succeededFuture(new Planned(series, null)));
      }
    }
    return Future.all(planned).map(done -> done.<Planned>list());
  }

  /** Each series' columns, asked of the database one after the other where a query has none. */
  private Future<List<List<String>>> columns(
      List<Planned> planned, java.util.function.BooleanSupplier cancelled) {
    List<List<String>> columns = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (Planned one : planned) {
      chain =
          chain.compose(
              v -> {
                if (cancelled.getAsBoolean()) {
                  return Future.failedFuture(JobFailure.permanent("cancelled"));
                }
                return (one.query() == null
                        ? Future.succeededFuture(List.<String>of())
                        : datasets.runner().columns(one.query()))
                    .map(
                        found -> {
                          columns.add(found);
                          return null;
                        });
              });
    }
    return chain.map(v -> columns);
  }

  /**
   * Every series' rows read into memory, one series after the other, each in one round trip (a PDF
   * lays out all of it; a series holds at most {@code QUERY_ROW_CAP} rows).
   */
  private Future<List<Answer>> collect(
      List<Planned> planned,
      java.util.function.IntConsumer progress,
      java.util.function.BooleanSupplier cancelled) {
    List<Answer> answers = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (int i = 0; i < planned.size(); i++) {
      Planned one = planned.get(i);
      int done = i + 1;
      chain =
          chain.compose(
              v -> {
                if (cancelled.getAsBoolean()) {
                  return Future.failedFuture(JobFailure.permanent("cancelled"));
                }
                return read(one.query())
                    .map(
                        answer -> {
                          answers.add(answer);
                          progress.accept(5 + 85 * done / planned.size());
                          return null;
                        });
              });
    }
    return chain.map(v -> answers);
  }

  /** A query's columns (its own when it knows them) and rows; none for a series without one. */
  private Future<Answer> read(CompiledQuery query) {
    if (query == null) {
      return Future.succeededFuture(new Answer(List.of(), List.of()));
    }
    return datasets
        .runner()
        .values(query)
        .map(
            answer ->
                new Answer(
                    query.columns().isEmpty() ? answer.columns() : query.columns(), answer.rows()));
  }

  /** The document of the collected answers: one widget per placement, in report order. */
  private static ReportDocument document(
      Report report, Instant fireTime, List<Planned> planned, List<Answer> answers) {
    DocumentBuilder builder =
        new DocumentBuilder(report.fields().name(), report.fields().settings(), fireTime);
    forEachWidget(
        planned,
        (from, to) -> {
          List<DocumentBuilder.Series> series = new ArrayList<>();
          for (int i = from; i < to; i++) {
            Answer answer = answers.get(i);
            series.add(
                new DocumentBuilder.Series(
                    planned.get(i).series().name(), answer.columns(), answer.rows()));
          }
          Series first = planned.get(from).series();
          builder.widget(first.page(), first.widget(), first.presentation(), series);
        });
    return builder.build();
  }

  /** Calls {@code widget} with each run of series of one placement: [from, to). */
  private static void forEachWidget(
      List<Planned> planned, java.util.function.BiConsumer<Integer, Integer> widget) {
    int from = 0;
    for (int i = 1; i <= planned.size(); i++) {
      if (i == planned.size()
          || planned.get(i).series().placement() != planned.get(from).series().placement()) {
        widget.accept(from, i);
        from = i;
      }
    }
  }

  private Future<byte[]> render(
      Report report, ReportFormat format, ReportDocument document, int maxPages) {
    return renders
        .executeBlocking(() -> format.renderer(fonts, maxPages).render(document), false)
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
  private static JsonObject result(Output done, ReportFormat format) {
    return new JsonObject()
        .put("file", done.file().name())
        .put("format", format.extension())
        .put("size", done.file().size())
        .put("series", done.series())
        .put("rows", done.rows());
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
