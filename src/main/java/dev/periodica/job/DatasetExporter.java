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
 * The streaming engine of {@code dataset.export} and of report outputs in CSV, XLSX and JSON: one
 * read-only query's result (or several, one after the other, for a report) written as a file while
 * it is read, never held whole in memory. Rows come from the datasets a batch at a time through a
 * cursor; each batch is written on a worker thread while the next is read, and no further batch is
 * read until it is written, so memory holds at most two batches whatever the size of the result.
 * The file is written under a temporary name, hashed and counted as it goes, and moved into place
 * once complete; a failure at any point leaves no file behind.
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
    return write(
            new Target(runId, fileName, table.contentType(), Wording.EXPORT),
            out -> {
              TableWriter writer = table.writer(out);
              return new Sections() {
                @Override
                public TableWriter next() {
                  return writer;
                }

                @Override
                public void finish() {}
              };
            },
            List.of(new Part(query, List.of())),
            limits.rowCap(),
            limits.maxBytes(),
            progress)
        .onSuccess(
            done ->
                LOG.info(
                    "run {} exported {} rows as {} ({} bytes)",
                    runId,
                    done.rows(),
                    table.extension(),
                    done.file().size()));
  }

  /** The file a run writes: its run, download name, content type and how failures name it. */
  public record Target(long runId, String fileName, String contentType, Wording wording) {}

  /**
   * How failures name what was being written: {@code subject} ("export", "report") in "the … could
   * not be written" and "the … file could not be stored", and {@code mistake}, the start of the
   * message of a mistake in a query.
   */
  public record Wording(String subject, String mistake) {
    public static final Wording EXPORT = new Wording("export", "the export failed: ");
  }

  /**
   * One part of a file: the rows of {@code query}, or none (with {@code columns}) when it is null.
   */
  public record Part(CompiledQuery query, List<String> columns) {}

  /** Where parts go, one after the other, each through a writer it answers. One thread. */
  public interface Sections {
    /** The writer of the next part; the caller finishes it before asking for the next. */
    TableWriter next() throws IOException;

    /** Ends the file's content (after the last part). */
    void finish() throws IOException;
  }

  /** Opens the {@link Sections} of a file into its stream. */
  @FunctionalInterface
  public interface Opener {
    Sections open(java.io.OutputStream out) throws IOException;
  }

  /**
   * Writes {@code parts} one after the other into the file of {@code target}, each query's rows
   * streamed through the writer its section gives: at most {@code rowCap} rows in all and {@code
   * maxBytes} bytes, as {@link #export} (whose failures these are too, named per {@code
   * target.wording()}). Answers the file and its rows.
   */
  public Future<ExportResult> write(
      Target target,
      Opener opener,
      List<Part> parts,
      long rowCap,
      long maxBytes,
      ProgressSink progress) {
    long runId = target.runId();
    return blocking(() -> files.open(runId, target.fileName(), target.contentType(), maxBytes))
        .recover(failure -> Future.failedFuture(storageFailure(target, failure)))
        .compose(
            draft -> {
              Sections[] sections = new Sections[1];
              Future<Long> written =
                  blocking(
                      () -> {
                        sections[0] = opener.open(draft.out());
                        return 0L;
                      });
              for (int p = 0; p < parts.size(); p++) {
                Part part = parts.get(p);
                int done = p + 1;
                written =
                    written.compose(
                        before -> {
                          if (progress.cancelled()) {
                            return Future.failedFuture(JobFailure.permanent("cancelled"));
                          }
                          FileSink sink =
                              new FileSink(sections[0], draft, rowCap, before, progress);
                          Future<Long> rows =
                              part.query() == null
                                  ? sink.columns(part.columns()).map(0L)
                                  : streamer.stream(part.query(), batchRows, sink);
                          return rows.compose(
                                  count ->
                                      blocking(
                                          () -> {
                                            sink.write(TableWriter::finish);
                                            return before + count;
                                          }))
                              .onSuccess(total -> progress.partWritten(done, parts.size()));
                        });
              }
              return written
                  .compose(
                      rows ->
                          blocking(
                              () -> {
                                sections[0].finish();
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
                                  discarded ->
                                      Future.failedFuture(classify(target, failure, maxBytes))));
            });
  }

  /**
   * Writes what the stream gives on worker threads, one batch at a time, within the row cap (over
   * all parts: {@code before} rows were written by the parts before this one).
   */
  private final class FileSink implements RowSink {
    private final Sections sections;
    private final FileStore.Draft draft;
    private final long rowCap;
    private final ProgressSink progress;
    private TableWriter writer;
    private long rows;

    FileSink(
        Sections sections, FileStore.Draft draft, long rowCap, long before, ProgressSink progress) {
      this.sections = sections;
      this.draft = draft;
      this.rowCap = rowCap;
      this.rows = before;
      this.progress = progress;
    }

    @Override
    public Future<Void> columns(List<String> names) {
      return blocking(
          () -> {
            try {
              writer = sections.next();
            } catch (UncheckedIOException e) {
              throw e.getCause();
            } catch (RuntimeException e) {
              throw new WriteFailure(e);
            }
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
      if (rows > rowCap) {
        return Future.failedFuture(
            JobFailure.permanent("the export has more than " + rowCap + " rows (EXPORT_ROW_CAP)"));
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

  private JobFailure classify(Target target, Throwable failure, long maxBytes) {
    Wording wording = target.wording();
    if (failure instanceof JobFailure job) {
      return job;
    }
    if (failure instanceof FileStore.TooLarge) {
      return JobFailure.permanent(
          "the "
              + wording.subject()
              + " file passed "
              + mebibytes(maxBytes)
              + " MiB (EXPORT_MAX_MIB)");
    }
    if (failure instanceof Invalid) {
      return JobFailure.permanent(wording.mistake() + failure.getMessage());
    }
    if (failure instanceof IOException || failure instanceof UncheckedIOException) {
      return storageFailure(target, failure);
    }
    if (failure instanceof WriteFailure written) {
      // writing is deterministic: the same rows would fail the same way on a retry
      LOG.warn(
          "the {} of run {} could not be written",
          wording.subject(),
          target.runId(),
          written.getCause());
      return JobFailure.permanent(
          "the " + wording.subject() + " could not be written: " + written.getCause());
    }
    LOG.warn("the {} of run {} failed", wording.subject(), target.runId(), failure);
    return JobFailure.transientFailure(
        "the " + wording.subject() + " failed: " + failure.getMessage());
  }

  private static String mebibytes(long bytes) {
    return java.math.BigDecimal.valueOf(bytes)
        .divide(java.math.BigDecimal.valueOf(1024L * 1024), 2, java.math.RoundingMode.DOWN)
        .stripTrailingZeros()
        .toPlainString();
  }

  private JobFailure storageFailure(Target target, Throwable failure) {
    LOG.error(
        "the {} file of run {} could not be written",
        target.wording().subject(),
        target.runId(),
        failure);
    return JobFailure.transientFailure(
        "the "
            + target.wording().subject()
            + " file could not be stored: "
            + FileStore.withoutPath(failure));
  }
}
