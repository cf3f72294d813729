package dev.periodica.render;

import dev.periodica.common.Invalid;
import java.awt.Color;
import java.io.IOException;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * The pages of one report PDF and the cursor that fills them: A4 pages with {@link #MARGIN}s, the
 * current page's content stream, the height {@link #y} the next line is set at, and new pages when
 * what comes next does not fit (at most {@code maxPages}: past them {@link PageLimit} is thrown).
 * It sets text through {@link PdfText} and embeds each image once however often it is drawn. One
 * document, one thread.
 */
final class PdfCanvas {
  static final float MARGIN = 50;
  static final float TEXT_SIZE = 9;
  static final float TITLE_SIZE = 13;
  static final float ROW_HEIGHT = 14;
  static final float CHART_HEIGHT = 220;
  static final float HEADER_IMAGE_HEIGHT = 36;
  static final float FOOTER_IMAGE_HEIGHT = 28;
  static final float PAGE_WIDTH = PDRectangle.A4.getWidth();
  static final float PAGE_HEIGHT = PDRectangle.A4.getHeight();

  /** The width between the margins. */
  static final float WIDTH = PAGE_WIDTH - 2 * MARGIN;

  /** Content stops above this: the footer's room. */
  static final float BOTTOM = MARGIN + 40;

  /** Thrown when the page limit is reached: the rest of the report is left out. */
  static final class PageLimit extends RuntimeException {
    PageLimit() {
      super(null, null, false, false);
    }
  }

  /** What starts each new page (the header band); it may move the cursor down. */
  @FunctionalInterface
  interface PageStart {
    void started(PdfCanvas canvas, boolean first) throws IOException;
  }

  final PDDocument document;
  final PdfFonts fonts;
  final PdfText text;
  private final int maxPages;
  private final PageStart pageStart;
  private final Map<ReportImage, PDImageXObject> images = new IdentityHashMap<>();
  private PDPageContentStream content;

  /** Where the next line's baseline goes, in points from the bottom of the page. */
  float y;

  PdfCanvas(PDDocument document, PdfFonts fonts, int maxPages, PageStart pageStart) {
    this.document = document;
    this.fonts = fonts;
    this.text = new PdfText(fonts);
    this.maxPages = maxPages;
    this.pageStart = pageStart;
  }

  int maxPages() {
    return maxPages;
  }

  /** The content stream of the current page (or of the page being finished by footers). */
  PDPageContentStream content() {
    return content;
  }

  /** Draws on {@code stream} until the next call: footers are added to finished pages. */
  void drawOn(PDPageContentStream stream) {
    content = stream;
  }

  /** Starts a new page unless {@code space} points (as much as a page holds) fit on this one. */
  void ensure(float space) throws IOException {
    float page = PAGE_HEIGHT - MARGIN - 24 - HEADER_IMAGE_HEIGHT - BOTTOM;
    if (y - Math.min(space, page) < BOTTOM) {
      newPage();
    }
  }

  void newPage() throws IOException {
    if (document.getNumberOfPages() >= maxPages) {
      throw new PageLimit();
    }
    if (content != null) {
      content.close();
    }
    PDPage page = new PDPage(PDRectangle.A4);
    document.addPage(page);
    content = new PDPageContentStream(document, page);
    y = PAGE_HEIGHT - MARGIN;
    pageStart.started(this, document.getNumberOfPages() == 1);
  }

  /** Ends the last page's content. */
  void close() throws IOException {
    if (content != null) {
      content.close();
      content = null;
    }
  }

  void show(String line, float x, float at, float size, Color color) throws IOException {
    text.show(content, line, x, at, size, color);
  }

  /** Lines of text from the cursor down, each on a new page when the page is full. */
  void lines(List<String> lines, float size, Color color) throws IOException {
    float lineHeight = size * 1.4f;
    for (String line : lines) {
      ensure(lineHeight);
      show(line, MARGIN, y, size, color);
      y -= lineHeight;
    }
  }

  /** {@code text} wrapped to the content width, from the cursor down. */
  void paragraph(String text, float size, Color color) throws IOException {
    lines(this.text.wrap(text, size, WIDTH), size, color);
  }

  /** One line cut to the content width, placed per {@code align} at height {@code at}. */
  void aligned(String line, Align align, float at, Color color) throws IOException {
    if (line.isEmpty()) {
      return;
    }
    String safe = text.fit(line, WIDTH, TEXT_SIZE);
    float width = text.width(safe, TEXT_SIZE);
    float x =
        switch (align) {
          case RIGHT -> PAGE_WIDTH - MARGIN - width;
          case CENTER -> (PAGE_WIDTH - width) / 2;
          case LEFT -> MARGIN;
        };
    show(safe, x, at, TEXT_SIZE, color);
  }

  /** A hairline across the content width at {@code at}. */
  void rule(float at, Color color) throws IOException {
    content.setStrokingColor(color);
    content.setLineWidth(0.5f);
    content.moveTo(MARGIN, at);
    content.lineTo(MARGIN + WIDTH, at);
    content.stroke();
  }

  /** The image as embedded in this document (once); {@link Invalid} if its data is damaged. */
  PDImageXObject object(ReportImage image) {
    PDImageXObject object = images.get(image);
    if (object == null) {
      try {
        object = PDImageXObject.createFromByteArray(document, image.bytes(), "image");
      } catch (IOException | RuntimeException e) {
        throw new Invalid("the image data is damaged: " + e.getMessage());
      }
      images.put(image, object);
    }
    return object;
  }

  /** Draws an image across the content width in the box whose bottom is at {@code bottom}. */
  void draw(
      ReportImage image,
      PDImageXObject object,
      ReportImage.Fit fit,
      Align align,
      float bottom,
      float height)
      throws IOException {
    float[] place = image.place(fit, align.name(), WIDTH, height);
    content.saveGraphicsState();
    content.addRect(MARGIN, bottom, WIDTH, height);
    content.clip();
    content.drawImage(object, MARGIN + place[0], bottom + place[1], place[2], place[3]);
    content.restoreGraphicsState();
  }
}
