package dev.periodica.job;

import dev.periodica.common.Invalid;
import dev.periodica.common.Messages;
import dev.periodica.dataset.ExportQueries;
import dev.periodica.dataset.Period;
import dev.periodica.render.TableFormat;
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
import java.util.List;

/**
 * {@code dataset.export}: one read-only query over the datasets, raw {@code sql} or a structured
 * {@code query} (checked when saved as report series are), exported at each run as a file in {@code
 * format} (csv, the default; json; xlsx), with the row count in the run's result. Needs no report.
 *
 * <p>A run streams its rows into the file through {@link DatasetExporter}, within {@code
 * EXPORT_ROW_CAP} and {@code EXPORT_MAX_MIB}.
 */
public final class DatasetExportJob implements JobKind {
  public static final String KIND = "dataset.export";
  static final int MAX_NAME = 100;
  private static final List<String> PARAMS =
      List.of("sql", "query", "period", "format", "constants", "name");

  /** The checked params of one export. */
  private record Export(
      String sql,
      JsonObject query,
      JsonArray period,
      TableFormat format,
      JsonObject constants,
      String name) {}

  private final Vertx vertx;
  private final ExportQueries queries;
  private final DatasetExporter exporter;

  public DatasetExportJob(Vertx vertx, ExportQueries queries, DatasetExporter exporter) {
    this.vertx = vertx;
    this.queries = queries;
    this.exporter = exporter;
  }

  @Override
  public String name() {
    return KIND;
  }

  @Override
  public String description() {
    return "Exports one read-only query over the datasets (raw sql or a structured query) as a"
        + " file ("
        + String.join(", ", TableFormat.names())
        + "), recording its row count";
  }

  @Override
  public boolean needsReport() {
    return false;
  }

  @Override
  public JsonObject paramsSchema() {
    JsonObject text = new JsonObject().put("type", "string");
    return new JsonObject()
        .put("type", "object")
        .put("additionalProperties", false)
        .put(
            "oneOf",
            new JsonArray()
                .add(new JsonObject().put("required", new JsonArray().add("sql")))
                .add(new JsonObject().put("required", new JsonArray().add("query"))))
        .put(
            "properties",
            new JsonObject()
                .put(
                    "sql",
                    text.copy()
                        .put(
                            "description",
                            "one SELECT, WITH, VALUES or TABLE statement over the datasets, with"
                                + " ${key} for constants and ${period_start}/${period_end}"))
                .put(
                    "query",
                    new JsonObject()
                        .put("type", "object")
                        .put("description", "a structured query, as a report series' query"))
                .put(
                    "period",
                    new JsonObject()
                        .put("type", "array")
                        .put("items", text)
                        .put("minItems", 2)
                        .put("maxItems", 2)
                        .put(
                            "examples",
                            new JsonArray().add(new JsonArray().add("now-1d").add("now"))))
                .put(
                    "format",
                    text.copy()
                        .put("enum", new JsonArray(TableFormat.names()))
                        .put("default", TableFormat.CSV.extension()))
                .put("constants", new JsonObject().put("type", "object"))
                .put(
                    "name",
                    text.copy()
                        .put("maxLength", MAX_NAME)
                        .put("default", "export")
                        .put("description", "the file is named <name>-<date>-<time>.<format>")));
  }

  @Override
  public Future<Void> checkParams(JsonObject params) {
    return JobParams.checkThen(
        () -> {
          Export export = read(params);
          return queries.check(export.sql(), export.query(), export.period(), export.constants());
        });
  }

  private static Export read(JsonObject params) {
    JobParams.only(params, KIND, PARAMS);
    Object sql = params.getValue("sql");
    if (sql != null && !(sql instanceof String)) {
      throw new Invalid(Messages.paramText("sql", 20_000));
    }
    JsonObject query = JobParams.object(params, "query");
    if ((sql == null) == (query == null)) {
      throw new Invalid(Messages.EXPORT_SQL_OR_QUERY);
    }
    String format = JobParams.oneOf(params, "format", TableFormat.names(), true);
    String name = JobParams.text(params, "name", MAX_NAME);
    return new Export(
        (String) sql,
        query,
        JobParams.pair(params, "period"),
        format == null ? TableFormat.CSV : TableFormat.of(format).orElseThrow(),
        JobParams.object(params, "constants"),
        name == null ? "export" : name);
  }

  @Override
  public Future<Void> run(JobContext context) {
    Export export;
    try {
      export = read(context.params());
    } catch (Invalid e) {
      return Future.failedFuture(JobFailure.permanent(e.getMessage()));
    }
    return export(context, export).recover(DatasetExportJob::classify);
  }

  /** Streams the rows from a cursor into the file (never all in memory), then records it. */
  private Future<Void> export(JobContext context, Export export) {
    ClaimedRun claimed = context.run();
    Instant fireTime = claimed.run().scheduledFor().toInstant();
    return queries
        .compile(export.sql(), export.query(), export.period(), fireTime, export.constants())
        .compose(
            query ->
                exporter.export(
                    query,
                    export.format().extension(),
                    fileName(export, fireTime),
                    claimed.run().id(),
                    ProgressSink.of(context)))
        .compose(done -> context.attach(done.file()).map(done))
        .compose(done -> context.result(result(export, done)));
  }

  private static JsonObject result(Export export, ExportResult done) {
    return new JsonObject()
        .put("file", done.file().name())
        .put("format", export.format().extension())
        .put("size", done.file().size())
        .put("rows", done.rows());
  }

  private static String fileName(Export export, Instant fireTime) {
    Period period;
    try {
      period = Period.resolve(export.period(), fireTime);
    } catch (Invalid e) {
      period = null;
    }
    return FileNames.of(null, export.name(), fireTime, period, export.format().extension());
  }

  /** Bad data is permanent; unexpected failures (the database away, …) are worth a retry. */
  private static Future<Void> classify(Throwable failure) {
    if (failure instanceof JobFailure) {
      return Future.failedFuture(failure);
    }
    if (failure instanceof Invalid || failure instanceof IllegalArgumentException) {
      return Future.failedFuture(
          JobFailure.permanent("the export cannot be built: " + failure.getMessage()));
    }
    return Future.failedFuture(JobFailure.transientFailure(String.valueOf(failure.getMessage())));
  }
}
