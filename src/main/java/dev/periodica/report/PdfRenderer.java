package dev.periodica.report;

import dev.periodica.common.Invalid;
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
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * Renders report results as PDF with Apache PDFBox: each report page starts a new PDF page; each
 * widget has its heading and description per {@code base} ({@code name}, {@code showHeading},
 * {@code description}), then its content: charts drawn as vectors (see {@link ChartFactory}),
 * tables split across pages with the header row repeated, wrapped text, or an image. The report
 * header and footer follow {@code settings.header} / {@code settings.footer} ({@code show}, {@code
 * text}, {@code color}, {@code text_align}, {@code image} with {@code fit} and {@code image_align},
 * {@code show_on_all_pages}, {@code show_on_first_page}, {@code show_date}, {@code
 * show_page_number} with their alignments). Text is set per character in the first of the fonts of
 * {@link PdfFonts} that has it, embedded as subsets; images are embedded once however often they
 * repeat.
 */
final class PdfRenderer {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PdfRenderer.class);
  static final float MARGIN = 50;
  static final float TEXT_SIZE = 9;
  static final float TITLE_SIZE = 13;
  static final float ROW_HEIGHT = 14;
  static final float CHART_HEIGHT = 220;
  static final float HEADER_IMAGE_HEIGHT = 36;
  static final float FOOTER_IMAGE_HEIGHT = 28;
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  private final PDDocument document = new PDDocument();
  private final PdfFonts fonts;
  private final JsonObject header;
  private final JsonObject footer;
  private final Map<Integer, PDType0Font> glyphs = new HashMap<>();
  private final Map<ReportImage, PDImageXObject> images = new java.util.IdentityHashMap<>();
  private final ReportImage headerImage;
  private final ReportImage footerImage;
  private PDPageContentStream content;
  private float y;

  private PdfRenderer(JsonObject settings) throws IOException {
    fonts =
        new PdfFonts(document, settings.getJsonObject("style", new JsonObject()).getString("font"));
    header = settings.getJsonObject("header", new JsonObject());
    footer = settings.getJsonObject("footer", new JsonObject());
    headerImage = sectionImage(header, "header");
    footerImage = sectionImage(footer, "footer");
  }

  /**
   * The header's or footer's image, or null. One that cannot be read (the seed's own example holds
   * {@code "..."}) is left out with a warning rather than failing the whole report.
   */
  private static ReportImage sectionImage(JsonObject section, String where) {
    Object image = section.getValue("image");
    if (!section.getBoolean("show", false)
        || image == null
        || image instanceof String text && text.isBlank()) {
      return null;
    }
    try {
      return ReportImage.read(image, where);
    } catch (Invalid e) {
      LOG.warn("report {} left out: {}", where + ".image", e.getMessage());
      return null;
    }
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
    for (List<SeriesResult> widget : widgets(results)) {
      SeriesResult first = widget.get(0);
      if (first.page() != page) {
        page = first.page();
        newPage();
      }
      widget(widget);
      y -= 12;
    }
    content.close();
  }

  /** Consecutive results of one widget (same page, name and presentation) form one block. */
  private static List<List<SeriesResult>> widgets(List<SeriesResult> results) {
    List<List<SeriesResult>> blocks = new java.util.ArrayList<>();
    SeriesResult previous = null;
    for (SeriesResult result : results) {
      if (previous == null
          || previous.page() != result.page()
          || !previous.widget().equals(result.widget())
          || previous.presentation() != result.presentation()) {
        blocks.add(new java.util.ArrayList<>());
      }
      blocks.get(blocks.size() - 1).add(result);
      previous = result;
    }
    return blocks;
  }

  /**
   * A widget: its heading ({@code base.name}, else the widget's name, unless {@code
   * base.showHeading} is false) and {@code base.description}, then its content: the text or image
   * of a text or image widget, else each series as a chart or a table.
   */
  private void widget(List<SeriesResult> series) throws IOException {
    JsonObject presentation = series.get(0).presentation();
    JsonObject base = presentation.getJsonObject("base", new JsonObject());
    JsonObject options = presentation.getJsonObject("settings", new JsonObject());
    ensure(ROW_HEIGHT * 4);
    if (base.getBoolean("showHeading", true)) {
      String title = base.getString("name", "");
      text(title.isBlank() ? series.get(0).widget() : title, MARGIN, y, TITLE_SIZE, Color.BLACK);
      y -= 18;
    }
    String description = base.getString("description", "");
    if (!description.isBlank()) {
      paragraph(description, TEXT_SIZE, Color.DARK_GRAY);
      y -= 4;
    }
    switch (WidgetKind.of(presentation)) {
      case TEXT -> paragraph(options.getString("text", ""), TEXT_SIZE + 1, Color.BLACK);
      case IMAGE -> image(options);
      default -> {
        for (SeriesResult result : series) {
          if (series.size() > 1) {
            ensure(ROW_HEIGHT * 3);
            text(result.series(), MARGIN, y, TEXT_SIZE + 1, Color.DARK_GRAY);
            y -= ROW_HEIGHT + 2;
          }
          org.jfree.chart.JFreeChart chart = ChartFactory.chart(result, fonts.awtFont());
          if (chart != null) {
            chart(chart);
          } else {
            table(result);
          }
        }
      }
    }
  }

  /** {@code text} wrapped to the page width, breaking words only when one alone is too wide. */
  private void paragraph(String text, float size, Color color) throws IOException {
    float width = PDRectangle.A4.getWidth() - 2 * MARGIN;
    float lineHeight = size * 1.4f;
    for (String line : wrap(text, size, width)) {
      ensure(lineHeight);
      text(line, MARGIN, y, size, color);
      y -= lineHeight;
    }
  }

  private List<String> wrap(String text, float size, float width) throws IOException {
    List<String> lines = new java.util.ArrayList<>();
    for (String paragraph : text.split("\\R", -1)) {
      StringBuilder line = new StringBuilder();
      for (String word : paragraph.split(" ")) {
        String candidate = line.length() == 0 ? word : line + " " + word;
        if (width(candidate, size) <= width) {
          line.setLength(0);
          line.append(candidate);
          continue;
        }
        if (line.length() > 0) {
          lines.add(line.toString());
          line.setLength(0);
        }
        for (int i = 0; i < word.length(); ) {
          int c = word.codePointAt(i);
          i += Character.charCount(c);
          if (line.length() > 0 && width(line + new String(Character.toChars(c)), size) > width) {
            lines.add(line.toString());
            line.setLength(0);
          }
          line.appendCodePoint(c);
        }
      }
      lines.add(line.toString());
    }
    return lines;
  }

  /** An image widget: {@code image} drawn per {@code fit} and {@code image_align}. */
  private void image(JsonObject options) throws IOException {
    ReportImage image;
    try {
      image = ReportImage.read(options.getValue("image"), "settings");
    } catch (Invalid e) {
      paragraph("The image cannot be shown: " + e.getMessage(), TEXT_SIZE, Color.GRAY);
      return;
    }
    ReportImage.Fit fit = ReportImage.Fit.of(options.getValue("fit"));
    float width = PDRectangle.A4.getWidth() - 2 * MARGIN;
    float height =
        switch (fit) {
          case CONTAIN -> Math.min(CHART_HEIGHT, width * image.height() / image.width());
          case NONE -> Math.min(CHART_HEIGHT, image.height() * 0.75f);
          default -> CHART_HEIGHT;
        };
    ensure(height + 6);
    draw(
        image,
        fit,
        options.getString("image_align", "center"),
        MARGIN,
        y - height + ROW_HEIGHT,
        width,
        height);
    y -= height + 6;
  }

  /** Draws {@code image} in the box whose bottom left corner is ({@code x}, {@code bottom}). */
  private void draw(
      ReportImage image,
      ReportImage.Fit fit,
      String align,
      float x,
      float bottom,
      float width,
      float height)
      throws IOException {
    PDImageXObject object = images.get(image);
    if (object == null) {
      object = PDImageXObject.createFromByteArray(document, image.bytes(), "image");
      images.put(image, object);
    }
    float[] place = image.place(fit, align, width, height);
    content.saveGraphicsState();
    content.addRect(x, bottom, width, height);
    content.clip();
    content.drawImage(object, x + place[0], bottom + place[1], place[2], place[3]);
    content.restoreGraphicsState();
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
      if (headerImage != null) {
        float bottom = PDRectangle.A4.getHeight() - 20 - HEADER_IMAGE_HEIGHT;
        sectionImage(headerImage, header, bottom, HEADER_IMAGE_HEIGHT);
        y = bottom + HEADER_IMAGE_HEIGHT / 2 - TEXT_SIZE / 3;
      }
      aligned(
          header.getString("text", ""), header.getString("text_align", "left"), y, color(header));
      y = Math.min(y, PDRectangle.A4.getHeight() - MARGIN) - 24;
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
        if (footerImage != null) {
          sectionImage(footerImage, footer, MARGIN - 8, FOOTER_IMAGE_HEIGHT);
        }
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

  private void sectionImage(ReportImage image, JsonObject section, float bottom, float height)
      throws IOException {
    draw(
        image,
        ReportImage.Fit.of(section.getValue("fit")),
        section.getString("image_align", "left"),
        MARGIN,
        bottom,
        PDRectangle.A4.getWidth() - 2 * MARGIN,
        height);
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
