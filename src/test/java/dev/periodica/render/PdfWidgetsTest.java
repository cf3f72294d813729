package dev.periodica.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.periodica.common.Invalid;
import io.vertx.core.json.JsonObject;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.Test;

/**
 * Widget presentation in real PDFs: headings, descriptions, text and image widgets, header and
 * footer images, smooth lines, legend placement. Text is checked by extraction, images by looking
 * at the rendered page's pixels (72 dpi: one pixel per point, y from the top).
 */
class PdfWidgetsTest {
  private static final Instant FIRE = Instant.parse("2026-11-22T08:00:00Z");
  private static final int PAGE_WIDTH = 595;
  private static final List<JsonObject> ROWS =
      List.of(
          new JsonObject().put("category", "alpha").put("n", 5).put("m", 3),
          new JsonObject().put("category", "beta").put("n", 7).put("m", 1),
          new JsonObject().put("category", "gamma").put("n", 2).put("m", 6));

  private static String png(int width, int height, Color color) throws IOException {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    var graphics = image.createGraphics();
    graphics.setColor(color);
    graphics.fillRect(0, 0, width, height);
    graphics.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return Base64.getEncoder().encodeToString(out.toByteArray());
  }

  private static SeriesResult content(String widget, JsonObject presentation) {
    return new SeriesResult(1, widget, "", List.of(), List.of(), presentation);
  }

  private static BufferedImage picture(byte[] pdf, int page) throws IOException {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      return new PDFRenderer(document).renderImage(page);
    }
  }

  private static boolean red(BufferedImage image, int x, int y) {
    Color color = new Color(image.getRGB(x, y));
    return color.getRed() > 200 && color.getGreen() < 60 && color.getBlue() < 60;
  }

  @Test
  void headings_descriptions_and_text_widgets_follow_the_widget_settings() throws Exception {
    String longText = "Weekly summary of incidents. ".repeat(30) + "\nSecond paragraph 第二段";
    List<SeriesResult> results =
        List.of(
            content(
                "stored name",
                new JsonObject()
                    .put("kind", "text")
                    .put(
                        "base",
                        new JsonObject()
                            .put("name", "Обзор")
                            .put("showHeading", true)
                            .put("description", "What happened this week"))
                    .put("settings", new JsonObject().put("text", longText))),
            new SeriesResult(
                1,
                "hidden heading",
                "s",
                List.of("category", "n"),
                ROWS,
                new JsonObject()
                    .put("kind", "table")
                    .put("base", new JsonObject().put("showHeading", false))));

    byte[] pdf = Reports.pdf("Widgets", new JsonObject(), FIRE, results);

    String text = PdfTexts.all(pdf);
    assertThat(text).contains("Обзор").contains("What happened this week");
    assertThat(text).doesNotContain("stored name").doesNotContain("hidden heading");
    assertThat(text).contains("Second paragraph 第二段").contains("alpha");
    // wrapped to the page: several lines, every word kept, none past the right margin (545 pt)
    List<String> lines = text.lines().filter(line -> line.contains("Weekly summary")).toList();
    assertThat(lines).hasSizeGreaterThan(5);
    assertThat(String.join(" ", lines).replaceAll("\\s+", " ").strip())
        .isEqualTo(("Weekly summary of incidents. ".repeat(30)).strip());
    List<Float> rightEdges = new ArrayList<>();
    try (PDDocument document = Loader.loadPDF(pdf)) {
      new PDFTextStripper() {
        @Override
        protected void writeString(String line, List<TextPosition> positions) {
          TextPosition last = positions.get(positions.size() - 1);
          rightEdges.add(last.getXDirAdj() + last.getWidthDirAdj());
        }
      }.getText(document);
    }
    assertThat(rightEdges).isNotEmpty().allSatisfy(x -> assertThat(x).isLessThanOrEqualTo(545.5f));
  }

  @Test
  void several_series_of_one_widget_share_its_heading_and_are_named() throws Exception {
    JsonObject presentation = new JsonObject().put("kind", "table");
    byte[] pdf =
        Reports.pdf(
            "R",
            new JsonObject(),
            FIRE,
            List.of(
                new SeriesResult(1, "Hosts", "today", List.of("category", "n"), ROWS, presentation),
                new SeriesResult(
                    1, "Hosts", "yesterday", List.of("category", "n"), ROWS, presentation)));

    String text = PdfTexts.all(pdf);
    assertThat(text.split("Hosts", -1)).hasSize(2);
    assertThat(text).contains("today").contains("yesterday");
  }

  @Test
  void an_image_widget_is_drawn_per_its_fit_and_alignment() throws Exception {
    String wide = "data:image/png;base64," + png(200, 50, Color.RED);
    byte[] contained =
        Reports.pdf(
            "Images",
            new JsonObject(),
            FIRE,
            List.of(
                content(
                    "logo",
                    new JsonObject()
                        .put("kind", "image")
                        .put("base", new JsonObject().put("showHeading", false))
                        .put(
                            "settings",
                            new JsonObject()
                                .put("image", wide)
                                .put("fit", "none")
                                .put("image_align", "right")))));

    BufferedImage page = picture(contained, 0);
    // fit none: 200×50 px at 96 dpi = 150×37.5 pt, against the right margin (545)
    int top = firstRedRow(page, 540);
    assertThat(top).isGreaterThan(0);
    assertThat(red(page, 540, top + 10)).isTrue();
    assertThat(red(page, 400, top + 10)).isTrue();
    assertThat(red(page, 390, top + 10)).isFalse();
    assertThat(red(page, 100, top + 10)).isFalse();
    assertThat(red(page, 540, top + 40)).isFalse();

    byte[] filled =
        Reports.pdf(
            "Images",
            new JsonObject(),
            FIRE,
            List.of(
                content(
                    "logo",
                    new JsonObject()
                        .put("kind", "image")
                        .put("settings", new JsonObject().put("image", wide).put("fit", "fill")))));
    BufferedImage stretched = picture(filled, 0);
    int filledTop = firstRedRow(stretched, 300);
    // fill: the whole content width and the full widget height (220 pt)
    assertThat(red(stretched, 55, filledTop + 200)).isTrue();
    assertThat(red(stretched, 540, filledTop + 200)).isTrue();
  }

  @Test
  void header_and_footer_images_repeat_on_every_page_embedded_once() throws Exception {
    List<JsonObject> rows = new ArrayList<>();
    for (int i = 0; i < 90; i++) {
      rows.add(new JsonObject().put("row", "row " + i));
    }
    JsonObject settings =
        new JsonObject()
            .put(
                "header",
                new JsonObject()
                    .put("show", true)
                    .put("text", "Company")
                    .put("image", png(120, 60, Color.RED))
                    .put("fit", "contain")
                    .put("image_align", "right"))
            .put(
                "footer",
                new JsonObject()
                    .put("show", true)
                    .put("show_page_number", true)
                    .put("image", png(40, 40, Color.RED))
                    .put("image_align", "center"));

    byte[] pdf =
        Reports.pdf(
            "Logos",
            settings,
            FIRE,
            List.of(new SeriesResult(1, "Rows", "s", List.of("row"), rows)));

    try (PDDocument document = Loader.loadPDF(pdf)) {
      assertThat(document.getNumberOfPages()).isEqualTo(2);
      List<Object> images = new ArrayList<>();
      for (PDPage page : document.getPages()) {
        for (COSName name : page.getResources().getXObjectNames()) {
          PDXObject object = page.getResources().getXObject(name);
          if (!(object instanceof PDFormXObject)) {
            images.add(object.getCOSObject());
          }
        }
      }
      assertThat(images).hasSize(4);
      assertThat(images.stream().distinct()).hasSize(2);
    }
    for (int page = 0; page < 2; page++) {
      BufferedImage picture = picture(pdf, page);
      // header: 36 pt high, contain keeps 2:1, so 72 pt wide against the right margin
      assertThat(red(picture, 540, 40)).isTrue();
      assertThat(red(picture, 480, 40)).isTrue();
      assertThat(red(picture, 460, 40)).isFalse();
      assertThat(red(picture, 60, 40)).isFalse();
      // footer: 28 pt square in the middle, above the footer text
      assertThat(red(picture, PAGE_WIDTH / 2, 842 - 56)).isTrue();
      assertThat(red(picture, PAGE_WIDTH / 2 - 20, 842 - 56)).isFalse();
    }
    assertThat(PdfTexts.all(pdf)).contains("Company").contains("Page 2 of 2");
  }

  @Test
  void an_unreadable_image_is_left_out_and_an_image_widget_says_why() throws Exception {
    // the seed's own example: "image": "...", "fit": "fit"
    JsonObject settings =
        new JsonObject()
            .put(
                "header",
                new JsonObject()
                    .put("show", true)
                    .put("text", "Header text")
                    .put("image", "...")
                    .put("fit", "fit"));
    List<SeriesResult> widget =
        List.of(
            content(
                "picture",
                new JsonObject()
                    .put("kind", "image")
                    .put("settings", new JsonObject().put("image", "bm90IGFuIGltYWdl"))));

    byte[] pdf = Reports.pdf("R", settings, FIRE, widget);

    assertThat(PdfTexts.all(pdf))
        .contains("Header text")
        .contains("The image cannot be shown: settings.image should be a PNG, JPEG, GIF or BMP");
    try (PDDocument document = Loader.loadPDF(pdf)) {
      for (COSName name : document.getPage(0).getResources().getXObjectNames()) {
        assertThat(document.getPage(0).getResources().getXObject(name))
            .isInstanceOf(PDFormXObject.class);
      }
    }
    assertThat(ReportImage.Fit.of("fit")).isEqualTo(ReportImage.Fit.CONTAIN);
    assertThat(ReportImage.Fit.of("cover")).isEqualTo(ReportImage.Fit.COVER);
  }

  @Test
  void an_image_bomb_is_refused_from_its_header_without_decoding() throws Exception {
    BufferedImage huge = new BufferedImage(6000, 6000, BufferedImage.TYPE_BYTE_BINARY);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(huge, "png", out);

    assertThatThrownBy(
            () -> ReportImage.read(Base64.getEncoder().encodeToString(out.toByteArray()), "header"))
        .isInstanceOf(Invalid.class)
        .hasMessage("header.image is 6000×6000 pixels; at most 25 megapixels");
  }

  @Test
  void smooth_lines_are_drawn_as_splines_of_many_segments() throws Exception {
    // two lines through three points: 4 straight segments, or 2 × 2 × 8 along the splines
    assertThat(segments(lineChart("smooth"))).isGreaterThan(segments(lineChart("linear")) + 25);
    assertThat(PdfTexts.all(lineChart("smooth"))).contains("alpha").contains("gamma");
  }

  @Test
  void chinese_chart_labels_are_drawn_as_text_in_the_cjk_font() throws Exception {
    List<JsonObject> cities =
        List.of(
            new JsonObject().put("city", "北京").put("n", 5),
            new JsonObject().put("city", "上海").put("n", 7),
            new JsonObject().put("city", "Москва").put("n", 3));

    byte[] pdf =
        Reports.pdf(
            "Cities",
            new JsonObject(),
            FIRE,
            List.of(
                new SeriesResult(
                    1,
                    "cities",
                    "s",
                    List.of("city", "n"),
                    cities,
                    new JsonObject().put("kind", "bar"))));

    assertThat(PdfTexts.all(pdf)).contains("北京").contains("上海").contains("Москва");
  }

  @Test
  void the_legend_goes_where_the_widget_places_it() throws Exception {
    float right = legendX("right");
    float bottom = legendX("bottom");

    assertThat(right).isGreaterThan(400);
    assertThat(bottom).isLessThan(right - 100);
  }

  private static byte[] lineChart(String style) {
    return Reports.pdf(
        "Lines",
        new JsonObject(),
        FIRE,
        List.of(
            new SeriesResult(
                1,
                "trend",
                "s",
                List.of("category", "n", "m"),
                ROWS,
                new JsonObject()
                    .put("kind", "line")
                    .put(
                        "settings",
                        new JsonObject().put("lineStyle", style).put("showDots", false)))));
  }

  /** Straight path segments ("l" operators) drawn in the page's chart forms. */
  private static int segments(byte[] pdf) throws IOException {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      int count = 0;
      var resources = document.getPage(0).getResources();
      for (COSName name : resources.getXObjectNames()) {
        if (resources.getXObject(name) instanceof PDFormXObject form) {
          try (InputStream in = form.getContents()) {
            String stream =
                new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
            count += (int) stream.lines().filter(line -> line.endsWith(" l")).count();
          }
        }
      }
      return count;
    }
  }

  /** Where the legend entry "m" starts across the page, in points. */
  private static float legendX(String placement) throws IOException {
    byte[] pdf =
        Reports.pdf(
            "Legend",
            new JsonObject(),
            FIRE,
            List.of(
                new SeriesResult(
                    1,
                    "bars",
                    "s",
                    List.of("category", "n", "m"),
                    ROWS,
                    new JsonObject()
                        .put("kind", "bar")
                        .put(
                            "legend",
                            new JsonObject().put("show", true).put("placement", placement)))));
    List<Float> xs = new ArrayList<>();
    try (PDDocument document = Loader.loadPDF(pdf)) {
      PDFTextStripper stripper =
          new PDFTextStripper() {
            @Override
            protected void writeString(String text, List<TextPosition> positions)
                throws IOException {
              if (text.strip().equals("m")) {
                xs.add(positions.get(0).getXDirAdj());
              }
            }
          };
      stripper.getText(document);
    }
    assertThat(xs).hasSize(1);
    return xs.get(0);
  }

  private static int firstRedRow(BufferedImage page, int x) {
    for (int y = 0; y < page.getHeight(); y++) {
      if (red(page, x, y)) {
        return y;
      }
    }
    return -1;
  }
}
