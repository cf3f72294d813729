package dev.periodica.job;

import dev.periodica.common.Invalid;
import dev.periodica.common.Messages;
import dev.periodica.dataset.CompiledQuery;
import dev.periodica.dataset.DatasetAccess;
import dev.periodica.dataset.ExportLimits;
import dev.periodica.dataset.QueryStreamer;
import dev.periodica.dataset.RowSink;
import dev.periodica.render.TableFormat;
import dev.periodica.render.TableWriter;
import dev.periodica.run.JobFailure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The streaming engine of {@code dataset.export}: one read-only query's result written as a file
 * (CSV, JSON or XLSX) while it is read, never held whole in memory. Rows come from the datasets a
 * batch at a time through a cursor; each batch is written on a worker thread while the next is
 * read, and no further batch is read until it is written, so memory holds at most two batches
 * whatever the size of the result. The file is written under a temporary name, hashed and counted
 * as it goes, and moved into place once complete; a failure at any point leaves no file behind.
 */
public final class DatasetExporter {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(DatasetExporter.class);

  /** Rows read per round trip to the database, and written per worker task. */
  public static final int BATCH_ROWS = 1000;

  private final Vertx vertx;
  private final QueryStreamer streamer;
  private final ExportLimits limits;
  private final FileStore files;
  private final int batchRows;

  /** An exporter reading through {@code datasets}' streamer, within its export limits. */
  public DatasetExporter(Vertx vertx, DatasetAccess datasets, FileStore files) {
    this(vertx, datasets.streamer(), datasets.exportLimits(), files, BATCH_ROWS);
  }

  public DatasetExporter(
      Vertx vertx, QueryStreamer streamer, ExportLimits limits, FileStore files, int batchRows) {
    this.vertx = vertx;
    this.streamer = streamer;
    this.limits = limits;
    this.files = files;
    this.batchRows = batchRows;
  }

  /**
   * Runs {@code query} (from {@link DatasetAccess#structuredExport} or {@link
   * DatasetAccess#rawExport}) and stores its result as the file of run {@code runId}, in {@code
   * format} ({@code csv} when null, {@code json}, {@code xlsx}), downloaded as {@code fileName}
   * (used as given: include the extension, {@link TableFormat#extension()}).
   *
   * <p>Fails with a {@link JobFailure}: permanent for a mistake in the query, a statement timeout,
   * more rows than {@code EXPORT_ROW_CAP}, a file larger than {@code EXPORT_MAX_MIB}, an unknown
   * format or a cancelled run; transient when the database or the file storage failed (the message
   * names no server path). Call it from any context: no blocking work runs on it.
   */
  public Future<ExportResult> export(
      CompiledQuery query, String format, String fileName, long runId, ProgressSink progress) {
    TableFormat table = TableFormat.of(format == null ? "csv" : format).orElse(null);
    if (table == null) {
      return Future.failedFuture(
          JobFailure.permanent(Messages.paramOneOf("format", TableFormat.names())));
    }
    return blocking(() -> files.open(runId, fileName, table.contentType(), limits.maxBytes()))
        .recover(failure -> Future.failedFuture(storageFailure(runId, failure)))
        .compose(
            draft -> {
              FileSink sink = new FileSink(table, draft, progress);
              return streamer.stream(query, batchRows, sink)
                  .compose(
                      rows ->
                          blocking(
                              () -> {
                                sink.write(TableWriter::finish);
                                return new ExportResult(draft.commit(), rows);
                              }))
                  .recover(
                      failure ->
                          blocking(
                                  () -> {
                                    draft.discard();
                                    return null;
                                  })
                              .transform(
                                  discarded -> Future.failedFuture(classify(runId, failure))));
            })
        .onSuccess(
            done ->
                LOG.info(
                    "run {} exported {} rows as {} ({} bytes)",
                    runId,
                    done.rows(),
                    table.extension(),
                    done.file().size()));
  }

  /** Writes what the stream gives on worker threads, one batch at a time, within the row cap. */
  private final class FileSink implements RowSink {
    private final TableFormat format;
    private final FileStore.Draft draft;
    private final ProgressSink progress;
    private TableWriter writer;
    private long rows;

    FileSink(TableFormat format, FileStore.Draft draft, ProgressSink progress) {
      this.format = format;
      this.draft = draft;
      this.progress = progress;
    }

    @Override
    public Future<Void> columns(List<String> names) {
      return blocking(
          () -> {
            writer = format.writer(draft.out());
            write(started -> started.columns(names));
            return null;
          });
    }

    @Override
    public Future<Void> rows(List<List<Object>> batch) {
      if (progress.cancelled()) {
        return Future.failedFuture(JobFailure.permanent("cancelled"));
      }
      rows += batch.size();
      if (rows > limits.rowCap()) {
        return Future.failedFuture(
            JobFailure.permanent(
                "the export has more than " + limits.rowCap() + " rows (EXPORT_ROW_CAP)"));
      }
      long written = rows;
      return DatasetExporter.this
          .<Void>blocking(
              () -> {
                write(
                    writer -> {
                      for (List<Object> row : batch) {
                        writer.row(row);
                      }
                    });
                return null;
              })
          .onSuccess(ok -> progress.rowsWritten(written));
    }

    /** Runs {@code step} on the writer; a runtime failure in it is a {@link WriteFailure}. */
    void write(WriterStep step) throws IOException {
      try {
        step.apply(writer);
      } catch (UncheckedIOException e) {
        throw e.getCause(); // fastcsv's way of saying the stream failed
      } catch (RuntimeException e) {
        throw new WriteFailure(e);
      }
    }
  }

  @FunctionalInterface
  private interface WriterStep {
    void apply(TableWriter writer) throws IOException;
  }

  /** A writer failed on the rows it was given (not on storage). */
  private static final class WriteFailure extends RuntimeException {
    WriteFailure(RuntimeException cause) {
      super(cause);
    }
  }

  private <T> Future<T> blocking(Callable<T> work) {
    // unordered: each export's writes are already one after another (the stream waits for each)
    return vertx.executeBlocking(work, false);
  }

  private JobFailure classify(long runId, Throwable failure) {
    if (failure instanceof JobFailure job) {
      return job;
    }
    if (failure instanceof FileStore.TooLarge) {
      return JobFailure.permanent(
          "the export file passed " + mebibytes(limits.maxBytes()) + " MiB (EXPORT_MAX_MIB)");
    }
    if (failure instanceof Invalid) {
      return JobFailure.permanent("the export failed: " + failure.getMessage());
    }
    if (failure instanceof IOException || failure instanceof UncheckedIOException) {
      return storageFailure(runId, failure);
    }
    if (failure instanceof WriteFailure written) {
      // writing is deterministic: the same rows would fail the same way on a retry
      LOG.warn("the export of run {} could not be written", runId, written.getCause());
      return JobFailure.permanent("the export could not be written: " + written.getCause());
    }
    LOG.warn("the export of run {} failed", runId, failure);
    return JobFailure.transientFailure("the export failed: " + failure.getMessage());
  }

  private static String mebibytes(long bytes) {
    return java.math.BigDecimal.valueOf(bytes)
        .divide(java.math.BigDecimal.valueOf(1024L * 1024), 2, java.math.RoundingMode.DOWN)
        .stripTrailingZeros()
        .toPlainString();
  }

  private JobFailure storageFailure(long runId, Throwable failure) {
    LOG.error("the export file of run {} could not be written", runId, failure);
    return JobFailure.transientFailure(
        "the export file could not be stored: " + FileStore.withoutPath(failure));
  }
}
