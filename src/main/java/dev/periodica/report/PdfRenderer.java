package dev.periodica.report;

import io.vertx.core.json.JsonObject;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDPageContentStream.AppendMode;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * Renders report results as PDF with Apache PDFBox: each report page starts a new PDF page with its
 * widgets' series as tables (split across pages with the header row repeated), the report header
 * and footer per {@code settings.header} / {@code settings.footer} ({@code show}, {@code text},
 * {@code color}, {@code text_align}, {@code show_on_all_pages}, {@code show_on_first_page}, {@code
 * show_date}, {@code show_page_number} with their alignments). Text is set in Liberation Sans
 * (Latin, Cyrillic), embedded as a subset; characters it lacks print as {@code ?}. Charts, images
 * and chosen fonts are still to come.
 */
final class PdfRenderer {
  static final float MARGIN = 50;
  static final float TEXT_SIZE = 9;
  static final float TITLE_SIZE = 13;
  static final float ROW_HEIGHT = 14;
  static final float CHART_HEIGHT = 220;
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  private final PDDocument document = new PDDocument();
  private final PdfFonts fonts;
  private final JsonObject header;
  private final JsonObject footer;
  private final Map<Integer, PDType0Font> glyphs = new HashMap<>();
  private PDPageContentStream content;
  private float y;

  private PdfRenderer(JsonObject settings) throws IOException {
    fonts =
        new PdfFonts(document, settings.getJsonObject("style", new JsonObject()).getString("font"));
    header = settings.getJsonObject("header", new JsonObject());
    footer = settings.getJsonObject("footer", new JsonObject());
  }

  static byte[] render(
      String report, JsonObject settings, Instant fireTime, List<SeriesResult> results) {
    try {
      PdfRenderer renderer = new PdfRenderer(settings);
      try (PDDocument document = renderer.document;
          PdfFonts fonts = renderer.fonts) {
        renderer.body(report, results);
        renderer.footers(fireTime);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        document.save(out);
        return out.toByteArray();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void body(String report, List<SeriesResult> results) throws IOException {
    newPage();
    text(report, MARGIN, y, TITLE_SIZE + 3, Color.BLACK);
    y -= 28;
    int page = results.isEmpty() ? 1 : results.get(0).page();
    for (SeriesResult result : results) {
      if (result.page() != page) {
        page = result.page();
        newPage();
      }
      ensure(ROW_HEIGHT * 4);
      text(result.widget() + " — " + result.series(), MARGIN, y, TITLE_SIZE, Color.BLACK);
      y -= 20;
      org.jfree.chart.JFreeChart chart = ChartFactory.chart(result, fonts.awtFont());
      if (chart != null) {
        chart(chart);
      } else {
        table(result);
      }
      y -= 12;
    }
    content.close();
  }

  private void table(SeriesResult result) throws IOException {
    if (result.rows().isEmpty()) {
      text("No data for this period", MARGIN, y, TEXT_SIZE, Color.GRAY);
      y -= ROW_HEIGHT;
      return;
    }
    List<String> columns = result.columns();
    float width = (PDRectangle.A4.getWidth() - 2 * MARGIN) / columns.size();
    headerRow(columns, width);
    for (JsonObject row : result.rows()) {
      if (y < MARGIN + 40) {
        newPage();
        headerRow(columns, width);
      }
      for (int i = 0; i < columns.size(); i++) {
        Object value = row.getValue(columns.get(i));
        text(
            fit(value == null ? "" : String.valueOf(value), width - 4),
            MARGIN + i * width + 2,
            y,
            TEXT_SIZE,
            Color.BLACK);
      }
      y -= ROW_HEIGHT;
    }
  }

  /** Draws {@code chart} as vector graphics, its labels as text in the report's font. */
  private void chart(org.jfree.chart.JFreeChart chart) throws IOException {
    ensure(CHART_HEIGHT + 10);
    float width = PDRectangle.A4.getWidth() - 2 * MARGIN;
    de.rototor.pdfbox.graphics2d.PdfBoxGraphics2D graphics =
        new de.rototor.pdfbox.graphics2d.PdfBoxGraphics2D(document, width, CHART_HEIGHT);
    de.rototor.pdfbox.graphics2d.PdfBoxGraphics2DFontTextDrawer drawer =
        new de.rototor.pdfbox.graphics2d.PdfBoxGraphics2DFontTextDrawer();
    java.awt.Font awt = fonts.awtFont();
    drawer.registerFont(awt.getFontName(), fonts.primary());
    drawer.registerFont(awt.getFamily(), fonts.primary());
    drawer.registerFont(awt.getName(), fonts.primary());
    graphics.setFontTextDrawer(drawer);
    chart.draw(graphics, new java.awt.geom.Rectangle2D.Double(0, 0, width, CHART_HEIGHT));
    graphics.dispose();
    content.saveGraphicsState();
    content.transform(
        org.apache.pdfbox.util.Matrix.getTranslateInstance(MARGIN, y - CHART_HEIGHT + ROW_HEIGHT));
    content.drawForm(graphics.getXFormObject());
    content.restoreGraphicsState();
    y -= CHART_HEIGHT + 6;
  }

  private void headerRow(List<String> columns, float width) throws IOException {
    content.setNonStrokingColor(new Color(230, 230, 230));
    content.addRect(MARGIN, y - 4, PDRectangle.A4.getWidth() - 2 * MARGIN, ROW_HEIGHT);
    content.fill();
    for (int i = 0; i < columns.size(); i++) {
      text(fit(columns.get(i), width - 4), MARGIN + i * width + 2, y, TEXT_SIZE, Color.BLACK);
    }
    y -= ROW_HEIGHT;
  }

  private void ensure(float space) throws IOException {
    if (y - space < MARGIN + 40) {
      newPage();
    }
  }

  private void newPage() throws IOException {
    if (content != null) {
      content.close();
    }
    PDPage page = new PDPage(PDRectangle.A4);
    document.addPage(page);
    content = new PDPageContentStream(document, page);
    y = PDRectangle.A4.getHeight() - MARGIN;
    boolean first = document.getNumberOfPages() == 1;
    if (header.getBoolean("show", false)
        && (first || header.getBoolean("show_on_all_pages", true))) {
      aligned(
          header.getString("text", ""), header.getString("text_align", "left"), y, color(header));
      y -= 24;
    }
  }

  private void footers(Instant fireTime) throws IOException {
    if (!footer.getBoolean("show", false)) {
      return;
    }
    int total = document.getNumberOfPages();
    for (int i = 0; i < total; i++) {
      if (i == 0 && !footer.getBoolean("show_on_first_page", true)) {
        continue;
      }
      try (PDPageContentStream stream =
          new PDPageContentStream(document, document.getPage(i), AppendMode.APPEND, true, true)) {
        content = stream;
        float line = MARGIN - 20;
        aligned(
            footer.getString("text", ""),
            footer.getString("text_align", "left"),
            line,
            color(footer));
        if (footer.getBoolean("show_date", false)) {
          aligned(
              DATE.format(fireTime),
              footer.getString("date_align", "center"),
              line - 12,
              color(footer));
        }
        if (footer.getBoolean("show_page_number", false)) {
          aligned(
              "Page " + (i + 1) + " of " + total,
              footer.getString("page_number_align", "right"),
              line - 12,
              color(footer));
        }
      }
    }
  }

  private void aligned(String text, String align, float at, Color color) throws IOException {
    if (text == null || text.isEmpty()) {
      return;
    }
    String safe = fit(text, PDRectangle.A4.getWidth() - 2 * MARGIN);
    float width = width(safe, TEXT_SIZE);
    float x =
        switch (align) {
          case "right" -> PDRectangle.A4.getWidth() - MARGIN - width;
          case "center" -> (PDRectangle.A4.getWidth() - width) / 2;
          default -> MARGIN;
        };
    text(safe, x, at, TEXT_SIZE, color);
  }

  private void text(String text, float x, float at, float size, Color color) throws IOException {
    content.beginText();
    content.setNonStrokingColor(color);
    content.newLineAtOffset(x, at);
    for (Run run : runs(text)) {
      content.setFont(run.font(), size);
      content.showText(run.text());
    }
    content.endText();
  }

  /** A stretch of text set in one font. */
  private record Run(PDType0Font font, String text) {}

  /** Splits {@code text} into runs, each character in the first font that has it, else "?". */
  private List<Run> runs(String text) {
    List<Run> runs = new java.util.ArrayList<>();
    PDType0Font current = null;
    StringBuilder pending = new StringBuilder();
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      PDType0Font font = glyphs.computeIfAbsent(c, this::fontFor);
      int drawn = font == null ? '?' : c;
      PDType0Font use = font == null ? glyphs.computeIfAbsent((int) '?', this::fontFor) : font;
      if (use != current && pending.length() > 0) {
        runs.add(new Run(current, pending.toString()));
        pending.setLength(0);
      }
      current = use;
      pending.appendCodePoint(drawn);
    }
    if (pending.length() > 0) {
      runs.add(new Run(current, pending.toString()));
    }
    return runs;
  }

  private PDType0Font fontFor(int codePoint) {
    if (Character.isISOControl(codePoint)) {
      return null;
    }
    String character = new String(Character.toChars(codePoint));
    for (PDType0Font font : fonts.fallbacks()) {
      try {
        font.encode(character);
        return font;
      } catch (IOException | IllegalArgumentException e) {
        // the next font may have it
      }
    }
    return null;
  }

  private float width(String text, float size) throws IOException {
    float width = 0;
    for (Run run : runs(text)) {
      width += run.font().getStringWidth(run.text()) / 1000 * size;
    }
    return width;
  }

  /** Cuts {@code text} with an ellipsis so it fits {@code width} points. */
  private String fit(String text, float width) throws IOException {
    if (width(text, TEXT_SIZE) <= width) {
      return text;
    }
    StringBuilder cut = new StringBuilder();
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      if (width(cut + new String(Character.toChars(c)) + "…", TEXT_SIZE) > width) {
        break;
      }
      cut.appendCodePoint(c);
    }
    return cut + "…";
  }

  private static Color color(JsonObject section) {
    String value = section.getString("color", "");
    if (value.matches("#[0-9a-fA-F]{6}")) {
      return new Color(Integer.parseInt(value.substring(1), 16));
    }
    return Color.DARK_GRAY;
  }
}
