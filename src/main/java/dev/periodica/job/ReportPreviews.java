package dev.periodica.job;

import dev.periodica.access.Caller;
import dev.periodica.render.ReportFormat;
import dev.periodica.report.ReportService;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.UUID;

/**
 * {@code POST /reports/{id}/preview}: a report rendered synchronously for a caller who sees it, for
 * the period at the current time, so a person checks it before scheduling it. No task or run is
 * created and no file stored; bounded by {@code PREVIEW_TIMEOUT_MS} and {@link #MAX_PAGES}.
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

  /** The report {@code id} as {@code caller} sees it, rendered now in {@code format}. */
  public Future<byte[]> preview(Caller caller, UUID id, ReportFormat format) {
    return reports
        .get(caller, id)
        .compose(
            report ->
                generation.preview(report, format, clock.instant(), timeoutMillis, MAX_PAGES));
  }
}
