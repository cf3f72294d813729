package dev.periodica.job;

import dev.periodica.access.Caller;
import dev.periodica.common.Invalid;
import dev.periodica.common.Messages;
import dev.periodica.render.ReportFormat;
import dev.periodica.report.Report;
import dev.periodica.report.ReportDraft;
import dev.periodica.report.ReportService;
import dev.periodica.report.ReportTexts;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code POST /reports/{id}/preview} (and {@code POST /reports/preview} for an unsaved report
 * body): a report rendered synchronously for a caller who sees it, for the period at the current
 * time, so a person checks it before scheduling it. No task or run is created and no file stored;
 * bounded by {@code PREVIEW_TIMEOUT_MS} and {@link #MAX_PAGES}.
 */
public final class ReportPreviews {
  /** A preview PDF stops here, with a note saying so. */
  public static final int MAX_PAGES = 50;

  private final ReportService reports;
  private final ReportGenerationJob generation;
  private final Clock clock;
  private final long timeoutMillis;

  public ReportPreviews(
      ReportService reports, ReportGenerationJob generation, Clock clock, long timeoutMillis) {
    this.reports = reports;
    this.generation = generation;
    this.clock = clock;
    this.timeoutMillis = timeoutMillis;
  }

  /**
   * Previews rendered at once on this instance: each holds a worker thread and dataset connections,
   * so a flood of previews would starve scheduled runs; beyond it a caller is asked to retry.
   */
  static final int MAX_CONCURRENT = 4;

  private final java.util.concurrent.atomic.AtomicInteger rendering =
      new java.util.concurrent.atomic.AtomicInteger();

  /** The report {@code id} as {@code caller} sees it, rendered now in {@code format}. */
  public Future<byte[]> preview(Caller caller, UUID id, ReportFormat format) {
    return bounded(
        finished ->
            reports
                .get(caller, id)
                .compose(
                    report ->
                        generation.preview(
                            report, format, clock.instant(), timeoutMillis, MAX_PAGES, finished)));
  }

  /**
   * Runs {@code work} in one of the {@link #MAX_CONCURRENT} places, given back when the work is
   * over: when its answer is, or, for a preview answered {@link ReportGenerationJob.PreviewTimeout}
   * while its query or rendering goes on in the background, when that is over too (the work runs
   * the {@code Runnable} it is given then). Otherwise previews timed out would free their place
   * while they still hold a dataset connection or a rendering thread.
   */
  private Future<byte[]> bounded(java.util.function.Function<Runnable, Future<byte[]>> work) {
    if (rendering.incrementAndGet() > MAX_CONCURRENT) {
      rendering.decrementAndGet();
      return Future.failedFuture(new PreviewsBusy());
    }
    java.util.concurrent.atomic.AtomicBoolean released =
        new java.util.concurrent.atomic.AtomicBoolean();
    Runnable release =
        () -> {
          if (released.compareAndSet(false, true)) {
            rendering.decrementAndGet();
          }
        };
    Future<byte[]> answer;
    try {
      answer = work.apply(release);
    } catch (RuntimeException e) {
      release.run();
      throw e;
    }
    return answer.onComplete(
        done -> {
          if (done.succeeded() || !(done.cause() instanceof ReportGenerationJob.PreviewTimeout)) {
            release.run();
          }
        });
  }

  /** More previews asked at once than {@link #MAX_CONCURRENT}: 429, the caller tries again. */
  public static final class PreviewsBusy extends dev.periodica.common.PeriodicaException {
    PreviewsBusy() {
      super(
          429,
          "too many previews are being rendered at once ("
              + MAX_CONCURRENT
              + " on this instance); try again in a moment");
    }
  }

  /**
   * An unsaved report, as the caller would own it, rendered now: its texts, inline series and
   * widgets placed by id are checked as when it is saved (a widget id that is no uuid, or names a
   * widget the caller does not see, is refused as {@code POST /reports/create} refuses it).
   */
  public Future<byte[]> preview(Caller caller, ReportDraft draft, ReportFormat format) {
    Optional<String> rightToLeft = ReportTexts.rightToLeft(draft);
    if (rightToLeft.isPresent()) {
      return Future.failedFuture(new Invalid(Messages.rightToLeftText(rightToLeft.get())));
    }
    java.time.OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
    Report unsaved = new Report(UUID.randomUUID(), 0, caller.userId(), draft, null, now, now);
    return bounded(
        finished ->
            reports
                .checkUnsavedPlacements(caller, draft)
                .compose(
                    ok ->
                        generation.preview(
                            unsaved, format, clock.instant(), timeoutMillis, MAX_PAGES, finished)));
  }
}
