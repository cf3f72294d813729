package dev.periodica.render;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Renders a {@link ReportDocument} in one format ({@link ReportFormat#renderer}): pure and blocking
 * (no futures, no SQL); call it off the event loop. It never closes the stream it writes to.
 */
public interface ReportRenderer {
  ReportFormat format();

  void render(ReportDocument document, OutputStream out) throws IOException;

  /** The document rendered in memory. */
  default byte[] render(ReportDocument document) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      render(document, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
