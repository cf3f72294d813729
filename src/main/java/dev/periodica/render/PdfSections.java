package dev.periodica.render;

import dev.periodica.common.Invalid;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDPageContentStream.AppendMode;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A report's header, drawn as each page starts, and its footer, added to every page once the page
 * count is known (for "Page X of N"): see {@link Section}.
 */
final class PdfSections {
  private static final Logger LOG = LoggerFactory.getLogger(PdfSections.class);
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  private final Section header;
  private final Section footer;

  PdfSections(Section header, Section footer) {
    this.header = header;
    this.footer = footer;
  }

  /**
   * The header band of a new page: its image (36 pt high, at the top) and its text, beside the
   * image when they are aligned apart, under it when they share a side; the cursor goes below it.
   */
  void pageStarted(PdfCanvas canvas, boolean first) throws IOException {
    if (!header.show() || !(first || header.onAllPages())) {
      return;
    }
    float top = PdfCanvas.PAGE_HEIGHT - 20;
    float imageHeight = PdfCanvas.HEADER_IMAGE_HEIGHT;
    boolean drawn =
        header.image() != null && image(canvas, header, top - imageHeight, imageHeight, "header");
    float line =
        !drawn
            ? canvas.y
            : header.textAlign() == header.imageAlign()
                ? top - imageHeight - 12
                : top - imageHeight / 2 - PdfCanvas.TEXT_SIZE / 3;
    canvas.aligned(header.text(), header.textAlign(), line, header.color());
    canvas.y = Math.min(line, PdfCanvas.PAGE_HEIGHT - PdfCanvas.MARGIN) - 24;
  }

  /**
   * Footers on every page (but the first if {@code show_on_first_page} is false): an image above,
   * then the text, then the date and "Page X of N"; when the date and the page number share an
   * alignment, the page number takes a line of its own.
   */
  void footers(PdfCanvas canvas, Instant fireTime) throws IOException {
    if (!footer.show()) {
      return;
    }
    int total = canvas.document.getNumberOfPages();
    for (int i = 0; i < total; i++) {
      if (i == 0 && !footer.onFirstPage()) {
        continue;
      }
      try (PDPageContentStream stream =
          new PDPageContentStream(
              canvas.document, canvas.document.getPage(i), AppendMode.APPEND, true, true)) {
        canvas.drawOn(stream);
        if (footer.image() != null) {
          image(canvas, footer, PdfCanvas.MARGIN - 8, PdfCanvas.FOOTER_IMAGE_HEIGHT, "footer");
        }
        float line = PdfCanvas.MARGIN - 20;
        canvas.aligned(footer.text(), footer.textAlign(), line, footer.color());
        if (footer.showDate()) {
          canvas.aligned(DATE.format(fireTime), footer.dateAlign(), line - 12, footer.color());
        }
        if (footer.showPageNumber()) {
          canvas.aligned(
              "Page " + (i + 1) + " of " + total,
              footer.pageNumberAlign(),
              footer.showDate() && footer.dateAlign() == footer.pageNumberAlign()
                  ? line - 24
                  : line - 12,
              footer.color());
        }
      }
      canvas.drawOn(null);
    }
  }

  /** Draws a header or footer image; false (with a warning) if its data is damaged. */
  private static boolean image(
      PdfCanvas canvas, Section section, float bottom, float height, String where)
      throws IOException {
    PDImageXObject object;
    try {
      object = canvas.object(section.image());
    } catch (Invalid e) {
      LOG.warn("report {}.image left out: {}", where, e.getMessage());
      return false;
    }
    canvas.draw(section.image(), object, section.fit(), section.imageAlign(), bottom, height);
    return true;
  }
}
