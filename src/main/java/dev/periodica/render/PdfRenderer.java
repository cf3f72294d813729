package dev.periodica.render;

import dev.periodica.common.Invalid;
import io.vertx.core.json.JsonObject;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDPageContentStream.AppendMode;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.jfree.chart.JFreeChart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders report results as PDF with Apache PDFBox: each report page starts a new PDF page; each
 * widget has its heading and description per {@code base} ({@code name}, {@code showHeading},
 * {@code description}), kept on one page with the start of its content: charts drawn as vectors
 * (see {@link ChartFactory}), tables split across pages with the header row repeated, wrapped text,
 * or an image. The report header and footer follow {@code settings.header} / {@code
 * settings.footer} ({@code show}, {@code text}, {@code color}, {@code text_align}, {@code image}
 * with {@code fit} and {@code image_align}, {@code show_on_all_pages}, {@code show_on_first_page},
 * {@code show_date}, {@code show_page_number} with their alignments). Text is set by {@link
 * PdfText}; images are embedded once however often they repeat; a report stops at {@link
 * #MAX_PAGES} pages with a note saying so.
 */
final class PdfRenderer {
  private static final Logger LOG = LoggerFactory.getLogger(PdfRenderer.class);
  static final int MAX_PAGES = 1_000;
  static final float MARGIN = 50;
  static final float TEXT_SIZE = 9;
  static final float TITLE_SIZE = 13;
  static final float ROW_HEIGHT = 14;
  static final float CHART_HEIGHT = 220;
  static final float HEADER_IMAGE_HEIGHT = 36;
  static final float FOOTER_IMAGE_HEIGHT = 28;
  private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;
  private static final float BOTTOM = MARGIN + 40;
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  /** Thrown when the page limit is reached: the rest of the report is left out. */
  private static final class PageLimit extends RuntimeException {
    PageLimit() {
      super(null, null, false, false);
    }
  }

  private final PDDocument document = new PDDocument();
  private final PdfFonts fonts;
  private final PdfText text;
  private final ReportStyle style;
  private final int maxPages;
  private final JsonObject header;
  private final JsonObject footer;
  private final Map<ReportImage, PDImageXObject> images = new IdentityHashMap<>();
  private final ReportImage headerImage;
  private final ReportImage footerImage;
  private PDPageContentStream content;
  private float y;

  private PdfRenderer(JsonObject settings, ReportFonts library, int maxPages) throws IOException {
    this.maxPages = Math.max(1, Math.min(maxPages, MAX_PAGES));
    fonts =
        new PdfFonts(
            document,
            Presentation.text(Presentation.object(settings, "style"), "font", null),
            library);
    text = new PdfText(fonts);
    style = ReportStyle.of(settings);
    header = Presentation.object(settings, "header");
    footer = Presentation.object(settings, "footer");
    headerImage = sectionImage(header, "header");
    footerImage = sectionImage(footer, "footer");
  }

  /** Renders with the fonts {@link ReportFonts#fromEnvironment} allows (tests, tools). */
  static byte[] render(
      String report, JsonObject settings, Instant fireTime, List<SeriesResult> results) {
    return render(report, settings, fireTime, results, ReportFonts.fromEnvironment());
  }

  static byte[] render(
      String report,
      JsonObject settings,
      Instant fireTime,
      List<SeriesResult> results,
      ReportFonts library) {
    return render(report, settings, fireTime, results, library, MAX_PAGES);
  }

  /** As {@link #render}, stopping at {@code maxPages} pages (at most {@link #MAX_PAGES}). */
  static byte[] render(
      String report,
      JsonObject settings,
      Instant fireTime,
      List<SeriesResult> results,
      ReportFonts library,
      int maxPages) {
    try {
      PdfRenderer renderer = new PdfRenderer(settings, library, maxPages);
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

  /**
   * The header's or footer's image, or null. One that cannot be read (the seed's own example holds
   * {@code "..."}) is left out with a warning rather than failing the whole report.
   */
  private static ReportImage sectionImage(JsonObject section, String where) {
    Object image = section.getValue("image");
    if (!Presentation.flag(section, "show", false)
        || image == null
        || image instanceof String blank && blank.isBlank()) {
      return null;
    }
    try {
      return ReportImage.read(image, where);
    } catch (Invalid e) {
      LOG.warn("report {}.image left out: {}", where, e.getMessage());
      return null;
    }
  }

  private void body(String report, List<SeriesResult> results) throws IOException {
    newPage();
    try {
      show(report, MARGIN, y, TITLE_SIZE + 3, Color.BLACK);
      y -= 28;
      int page = results.isEmpty() ? 1 : results.get(0).page();
      for (List<SeriesResult> widget : widgets(results)) {
        if (widget.get(0).page() != page) {
          page = widget.get(0).page();
          newPage();
        }
        widget(widget);
        y -= 12;
      }
    } catch (PageLimit limit) {
      show(
          "The report stops here: it reached " + maxPages + " pages.",
          MARGIN,
          BOTTOM - 14,
          TEXT_SIZE,
          Color.GRAY);
    }
    content.close();
  }

  /** Consecutive results of one widget (same page, name and presentation) form one block. */
  private static List<List<SeriesResult>> widgets(List<SeriesResult> results) {
    List<List<SeriesResult>> blocks = new ArrayList<>();
    SeriesResult previous = null;
    for (SeriesResult result : results) {
      if (previous == null
          || previous.page() != result.page()
          || !previous.widget().equals(result.widget())
          || previous.presentation() != result.presentation()) {
        blocks.add(new ArrayList<>());
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
    JsonObject base = Presentation.object(presentation, "base");
    JsonObject options = Presentation.object(presentation, "settings");
    WidgetKind kind = WidgetKind.of(presentation);
    List<JFreeChart> charts = new ArrayList<>();
    List<PdfFonts.ChartFont> chartFonts = new ArrayList<>();
    for (SeriesResult result : series) {
      PdfFonts.ChartFont font = fonts.chartFontFor(labels(result));
      chartFonts.add(font);
      charts.add(ChartFactory.chart(result, font.awt(), style));
    }
    boolean heading = Presentation.flag(base, "showHeading", true);
    String title = Presentation.text(base, "name", "");
    List<String> description =
        text.wrap(Presentation.text(base, "description", ""), TEXT_SIZE, WIDTH);
    if (description.size() == 1 && description.get(0).isBlank()) {
      description = List.of();
    }
    float lead = (heading ? 18 : 0) + description.size() * TEXT_SIZE * 1.4f + 4;
    float minimum =
        switch (kind) {
          case TEXT -> ROW_HEIGHT * 2;
          case IMAGE -> CHART_HEIGHT / 2;
          default ->
              (series.size() > 1 ? ROW_HEIGHT + 2 : 0)
                  + (charts.get(0) != null ? CHART_HEIGHT + 6 : ROW_HEIGHT * 3);
        };
    ensure(lead + minimum);
    if (heading) {
      show(title.isBlank() ? series.get(0).widget() : title, MARGIN, y, TITLE_SIZE, Color.BLACK);
      y -= 18;
    }
    lines(description, TEXT_SIZE, Color.DARK_GRAY);
    if (!description.isEmpty()) {
      y -= 4;
    }
    switch (kind) {
      case TEXT ->
          lines(
              text.wrap(Presentation.text(options, "text", ""), TEXT_SIZE + 1, WIDTH),
              TEXT_SIZE + 1,
              Color.BLACK);
      case IMAGE -> image(options);
      default -> {
        for (int i = 0; i < series.size(); i++) {
          JFreeChart chart = charts.get(i);
          if (series.size() > 1) {
            ensure(ROW_HEIGHT + 2 + (chart != null ? CHART_HEIGHT + 6 : ROW_HEIGHT * 3));
            show(series.get(i).series(), MARGIN, y, TEXT_SIZE + 1, Color.DARK_GRAY);
            y -= ROW_HEIGHT + 2;
          }
          if (chart != null) {
            chart(chart, chartFonts.get(i));
          } else {
            table(series.get(i), style.withDecimals(options));
          }
        }
      }
    }
  }

  private void lines(List<String> lines, float size, Color color) throws IOException {
    float lineHeight = size * 1.4f;
    for (String line : lines) {
      ensure(lineHeight);
      show(line, MARGIN, y, size, color);
      y -= lineHeight;
    }
  }

  /** An image widget: {@code image} drawn per {@code fit} and {@code image_align}. */
  private void image(JsonObject options) throws IOException {
    ReportImage image;
    PDImageXObject object;
    try {
      image = ReportImage.read(options.getValue("image"), "settings");
      object = object(image);
    } catch (Invalid e) {
      lines(
          text.wrap("The image cannot be shown: " + e.getMessage(), TEXT_SIZE, WIDTH),
          TEXT_SIZE,
          Color.GRAY);
      return;
    }
    ReportImage.Fit fit = ReportImage.Fit.of(options.getValue("fit"));
    float height =
        switch (fit) {
          case CONTAIN -> Math.min(CHART_HEIGHT, WIDTH * image.height() / image.width());
          case NONE -> Math.min(CHART_HEIGHT, image.height() * 0.75f);
          default -> CHART_HEIGHT;
        };
    ensure(height + 6);
    draw(
        image,
        object,
        fit,
        Presentation.alignment(options, "image_align", "center"),
        y - height + ROW_HEIGHT,
        height);
    y -= height + 6;
  }

  /** The image as embedded in this document (once); {@link Invalid} if its data is damaged. */
  private PDImageXObject object(ReportImage image) {
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
  private void draw(
      ReportImage image,
      PDImageXObject object,
      ReportImage.Fit fit,
      String align,
      float bottom,
      float height)
      throws IOException {
    float[] place = image.place(fit, align, WIDTH, height);
    content.saveGraphicsState();
    content.addRect(MARGIN, bottom, WIDTH, height);
    content.clip();
    content.drawImage(object, MARGIN + place[0], bottom + place[1], place[2], place[3]);
    content.restoreGraphicsState();
  }

  /**
   * A table: a header band repeated on every page it continues on, a hairline under each row,
   * numbers in the report's locale and right-aligned in their columns (a column is numeric when its
   * first value that is not null is a number).
   */
  private void table(SeriesResult result, ReportStyle style) throws IOException {
    if (result.rows().isEmpty()) {
      ensure(ROW_HEIGHT);
      show("No data for this period", MARGIN, y, TEXT_SIZE, Color.GRAY);
      y -= ROW_HEIGHT;
      return;
    }
    List<String> columns = result.columns();
    float width = WIDTH / columns.size();
    ReportStyle.NumberText[] numbers = new ReportStyle.NumberText[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      for (JsonObject row : result.rows()) {
        Object value = row.getValue(columns.get(i));
        if (value != null) {
          numbers[i] = value instanceof Number ? style.numbers(columns.get(i)) : null;
          break;
        }
      }
    }
    ensure(ROW_HEIGHT * 2);
    headerRow(columns, width, numbers);
    for (JsonObject row : result.rows()) {
      if (y < BOTTOM) {
        newPage();
        headerRow(columns, width, numbers);
      }
      for (int i = 0; i < columns.size(); i++) {
        Object value = row.getValue(columns.get(i));
        String cell =
            value == null
                ? ""
                : numbers[i] != null && value instanceof Number number
                    ? numbers[i].format(number)
                    : String.valueOf(value);
        cell(cell, i, width, numbers[i] != null, ReportStyle.INK);
      }
      rule(y - 4, ReportStyle.RULE);
      y -= ROW_HEIGHT;
    }
  }

  /** A cell's text, cut to its column, left-aligned or (numbers) right-aligned. */
  private void cell(String value, int column, float width, boolean right, Color color)
      throws IOException {
    if (value.isEmpty()) {
      return;
    }
    String fitted = text.fit(value, width - 8, TEXT_SIZE);
    float x =
        right
            ? MARGIN + (column + 1) * width - 4 - text.width(fitted, TEXT_SIZE)
            : MARGIN + column * width + 4;
    show(fitted, x, y, TEXT_SIZE, color);
  }

  /** A hairline across the content width at {@code at}. */
  private void rule(float at, Color color) throws IOException {
    content.setStrokingColor(color);
    content.setLineWidth(0.5f);
    content.moveTo(MARGIN, at);
    content.lineTo(MARGIN + WIDTH, at);
    content.stroke();
  }

  /** Draws {@code chart} as vector graphics, its labels as text in {@code font}. */
  private void chart(JFreeChart chart, PdfFonts.ChartFont font) throws IOException {
    ensure(CHART_HEIGHT + 6);
    de.rototor.pdfbox.graphics2d.PdfBoxGraphics2D graphics =
        new de.rototor.pdfbox.graphics2d.PdfBoxGraphics2D(document, WIDTH, CHART_HEIGHT);
    de.rototor.pdfbox.graphics2d.PdfBoxGraphics2DFontTextDrawer drawer =
        new de.rototor.pdfbox.graphics2d.PdfBoxGraphics2DFontTextDrawer();
    java.awt.Font awt = font.awt();
    drawer.registerFont(awt.getFontName(), font.pdf());
    drawer.registerFont(awt.getFamily(), font.pdf());
    drawer.registerFont(awt.getName(), font.pdf());
    graphics.setFontTextDrawer(drawer);
    chart.draw(graphics, new java.awt.geom.Rectangle2D.Double(0, 0, WIDTH, CHART_HEIGHT));
    graphics.dispose();
    content.saveGraphicsState();
    content.transform(
        org.apache.pdfbox.util.Matrix.getTranslateInstance(MARGIN, y - CHART_HEIGHT + ROW_HEIGHT));
    content.drawForm(graphics.getXFormObject());
    content.restoreGraphicsState();
    y -= CHART_HEIGHT + 6;
  }

  /** The text a chart of {@code result} may show: column names and text values (bounded). */
  private static String labels(SeriesResult result) {
    StringBuilder labels = new StringBuilder(String.join(" ", result.columns()));
    for (JsonObject row : result.rows()) {
      if (labels.length() > 20_000) {
        break;
      }
      for (Object value : row.getMap().values()) {
        if (value instanceof String label) {
          labels.append(' ').append(label);
        }
      }
    }
    return labels.toString().replaceAll("\\p{Cntrl}", " ");
  }

  private void headerRow(List<String> columns, float width, ReportStyle.NumberText[] numbers)
      throws IOException {
    content.setNonStrokingColor(ReportStyle.HEADER_FILL);
    content.addRect(MARGIN, y - 4, WIDTH, ROW_HEIGHT);
    content.fill();
    for (int i = 0; i < columns.size(); i++) {
      cell(columns.get(i), i, width, numbers[i] != null, ReportStyle.INK);
    }
    rule(y - 4, ReportStyle.MUTED);
    y -= ROW_HEIGHT;
  }

  /** Starts a new page unless {@code space} points (as much as a page holds) fit on this one. */
  private void ensure(float space) throws IOException {
    float page = PDRectangle.A4.getHeight() - MARGIN - 24 - HEADER_IMAGE_HEIGHT - BOTTOM;
    if (y - Math.min(space, page) < BOTTOM) {
      newPage();
    }
  }

  private void newPage() throws IOException {
    if (document.getNumberOfPages() >= maxPages) {
      throw new PageLimit();
    }
    if (content != null) {
      content.close();
    }
    PDPage page = new PDPage(PDRectangle.A4);
    document.addPage(page);
    content = new PDPageContentStream(document, page);
    y = PDRectangle.A4.getHeight() - MARGIN;
    boolean first = document.getNumberOfPages() == 1;
    if (Presentation.flag(header, "show", false)
        && (first || Presentation.flag(header, "show_on_all_pages", true))) {
      header();
    }
  }

  /**
   * The header band: its image (36 pt high, at the top) and its text, beside the image when they
   * are aligned apart, under it when they share a side.
   */
  private void header() throws IOException {
    String textAlign = Presentation.alignment(header, "text_align", "left");
    String imageAlign = Presentation.alignment(header, "image_align", "left");
    float top = PDRectangle.A4.getHeight() - 20;
    boolean drawn =
        headerImage != null
            && section(
                headerImage, header, top - HEADER_IMAGE_HEIGHT, HEADER_IMAGE_HEIGHT, "header");
    float line =
        !drawn
            ? y
            : textAlign.equals(imageAlign)
                ? top - HEADER_IMAGE_HEIGHT - 12
                : top - HEADER_IMAGE_HEIGHT / 2 - TEXT_SIZE / 3;
    aligned(Presentation.text(header, "text", ""), textAlign, line, color(header));
    y = Math.min(line, PDRectangle.A4.getHeight() - MARGIN) - 24;
  }

  /**
   * Footers on every page (but the first if {@code show_on_first_page} is false): an image above,
   * then the text, then the date and "Page X of N"; when the date and the page number share an
   * alignment, the page number takes a line of its own.
   */
  private void footers(Instant fireTime) throws IOException {
    if (!Presentation.flag(footer, "show", false)) {
      return;
    }
    String dateAlign = Presentation.alignment(footer, "date_align", "center");
    String numberAlign = Presentation.alignment(footer, "page_number_align", "right");
    boolean date = Presentation.flag(footer, "show_date", false);
    int total = document.getNumberOfPages();
    for (int i = 0; i < total; i++) {
      if (i == 0 && !Presentation.flag(footer, "show_on_first_page", true)) {
        continue;
      }
      try (PDPageContentStream stream =
          new PDPageContentStream(document, document.getPage(i), AppendMode.APPEND, true, true)) {
        content = stream;
        if (footerImage != null) {
          section(footerImage, footer, MARGIN - 8, FOOTER_IMAGE_HEIGHT, "footer");
        }
        float line = MARGIN - 20;
        aligned(
            Presentation.text(footer, "text", ""),
            Presentation.alignment(footer, "text_align", "left"),
            line,
            color(footer));
        if (date) {
          aligned(DATE.format(fireTime), dateAlign, line - 12, color(footer));
        }
        if (Presentation.flag(footer, "show_page_number", false)) {
          aligned(
              "Page " + (i + 1) + " of " + total,
              numberAlign,
              date && dateAlign.equals(numberAlign) ? line - 24 : line - 12,
              color(footer));
        }
      }
    }
  }

  /** Draws a header or footer image; false (with a warning) if its data is damaged. */
  private boolean section(
      ReportImage image, JsonObject section, float bottom, float height, String where)
      throws IOException {
    PDImageXObject object;
    try {
      object = object(image);
    } catch (Invalid e) {
      LOG.warn("report {}.image left out: {}", where, e.getMessage());
      return false;
    }
    draw(
        image,
        object,
        ReportImage.Fit.of(section.getValue("fit")),
        Presentation.alignment(section, "image_align", "left"),
        bottom,
        height);
    return true;
  }

  private void aligned(String line, String align, float at, Color color) throws IOException {
    if (line.isEmpty()) {
      return;
    }
    String safe = text.fit(line, WIDTH, TEXT_SIZE);
    float width = text.width(safe, TEXT_SIZE);
    float x =
        switch (align) {
          case "right" -> PDRectangle.A4.getWidth() - MARGIN - width;
          case "center" -> (PDRectangle.A4.getWidth() - width) / 2;
          default -> MARGIN;
        };
    show(safe, x, at, TEXT_SIZE, color);
  }

  private void show(String line, float x, float at, float size, Color color) throws IOException {
    text.show(content, line, x, at, size, color);
  }

  private static Color color(JsonObject section) {
    String value = Presentation.text(section, "color", "");
    if (value.matches("#[0-9a-fA-F]{6}")) {
      return new Color(Integer.parseInt(value.substring(1), 16));
    }
    return Color.DARK_GRAY;
  }
}
