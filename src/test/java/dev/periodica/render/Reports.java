package dev.periodica.render;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/** Reports rendered in tests: series results made a document, as generation makes them. */
final class Reports {
  private Reports() {}

  static byte[] pdf(
      String report, JsonObject settings, Instant fireTime, List<SeriesResult> results) {
    return pdf(report, settings, fireTime, results, ReportFonts.fromEnvironment());
  }

  static byte[] pdf(
      String report,
      JsonObject settings,
      Instant fireTime,
      List<SeriesResult> results,
      ReportFonts fonts) {
    return pdf(report, settings, fireTime, results, fonts, PdfRenderer.MAX_PAGES);
  }

  static byte[] pdf(
      String report,
      JsonObject settings,
      Instant fireTime,
      List<SeriesResult> results,
      ReportFonts fonts,
      int maxPages) {
    return new PdfRenderer(fonts, maxPages)
        .render(DocumentBuilder.of(report, settings, fireTime, results));
  }
}
