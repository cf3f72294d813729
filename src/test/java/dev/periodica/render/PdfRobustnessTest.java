package dev.periodica.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.Test;

/**
 * Settings written by hand or copied from the seed, odd data and large inputs: the PDF still
 * renders, and its layout keeps headings with their content and footer items apart.
 */
class PdfRobustnessTest {
  private static final Instant FIRE = Instant.parse("2026-11-22T08:00:00Z");
  private static final List<String> COLUMNS = List.of("category", "n");

  private static List<JsonObject> rows(Object... values) {
    List<JsonObject> rows = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      rows.add(new JsonObject().put("category", "c" + i).put("n", values[i]));
    }
    return rows;
  }

  @Test
  void nulls_and_wrong_types_in_settings_fall_back_to_defaults() throws Exception {
    JsonObject settings =
        new JsonObject()
            .put("style", "bold")
            .put(
                "header",
                new JsonObject()
                    .put("show", "true")
                    .put("text", "Header")
                    .putNull("text_align")
                    .putNull("color")
                    .put("image", "...")
                    .put("fit", "fit")
                    .put("image_align", "string"))
            .put(
                "footer",
                new JsonObject()
                    .put("show", true)
                    .putNull("text")
                    .put("show_date", true)
                    .put("show_page_number", true)
                    .put("date_align", "string")
                    .putNull("page_number_align"));
    List<SeriesResult> results =
        List.of(
            new SeriesResult(
                1,
                "Nulls",
                "s",
                COLUMNS,
                rows(1, 2),
                new JsonObject()
                    .put("kind", "bar")
                    .put("base", new JsonObject().putNull("name").putNull("description"))
                    .put("legend", new JsonObject().put("show", "yes").putNull("placement"))
                    .put("settings", new JsonObject().put("stack", "true").putNull("lineStyle"))),
            new SeriesResult(
                1,
                "Wrong types",
                "s",
                List.of(),
                List.of(),
                new JsonObject()
                    .put("kind", "text")
                    .put("base", "x")
                    .put("settings", new JsonObject().putNull("text"))),
            new SeriesResult(
                1,
                "Typed text",
                "s",
                COLUMNS,
                rows(3),
                new JsonObject().put("base", new JsonObject().put("showHeading", "yes"))));

    byte[] pdf = Reports.pdf("Robust", settings, FIRE, results);

    String text = PdfTexts.all(pdf);
    assertThat(text).contains("Header").contains("Nulls").contains("Wrong types");
    assertThat(text).contains("Typed text").contains("Page 1 of 1").contains("2026-11-22");
  }

  @Test
  void values_a_chart_cannot_scale_to_are_left_out_of_it() throws Exception {
    List<SeriesResult> results = new ArrayList<>();
    for (String kind : List.of("bar", "line", "pie")) {
      JsonObject presentation = new JsonObject().put("kind", kind);
      if (kind.equals("line")) {
        presentation.put("settings", new JsonObject().put("lineStyle", "smooth"));
      }
      results.add(
          new SeriesResult(
              1,
              kind,
              "s",
              COLUMNS,
              rows(Double.POSITIVE_INFINITY, 5, Double.NaN, 1e308, -Double.MAX_VALUE, 7),
              presentation));
    }

    byte[] pdf = Reports.pdf("Infinite", new JsonObject(), FIRE, results);

    assertThat(PdfTexts.all(pdf)).contains("bar").contains("line").contains("pie").contains("c1");
  }

  @Test
  void a_damaged_image_is_left_out_of_the_header_and_explained_in_a_widget() throws Exception {
    BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
    for (int x = 0; x < 64; x++) {
      for (int y = 0; y < 64; y++) {
        image.setRGB(x, y, (x * 7919 + y * 104729) & 0xffffff);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    byte[] whole = out.toByteArray();
    String damaged = Base64.getEncoder().encodeToString(Arrays.copyOf(whole, whole.length / 2));
    JsonObject settings =
        new JsonObject()
            .put(
                "header",
                new JsonObject().put("show", true).put("text", "Still here").put("image", damaged));

    byte[] pdf =
        Reports.pdf(
            "Damaged",
            settings,
            FIRE,
            List.of(
                new SeriesResult(
                    1,
                    "picture",
                    "",
                    List.of(),
                    List.of(),
                    new JsonObject()
                        .put("kind", "image")
                        .put("settings", new JsonObject().put("image", damaged)))));

    assertThat(PdfTexts.all(pdf))
        .contains("Still here")
        .contains("The image cannot be shown: the image data is damaged");
  }

  @Test
  void a_heading_moves_to_the_next_page_with_its_chart() throws Exception {
    List<JsonObject> filler = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      filler.add(new JsonObject().put("row", "filler " + i));
    }
    byte[] pdf =
        Reports.pdf(
            "Orphans",
            new JsonObject(),
            FIRE,
            List.of(
                new SeriesResult(1, "Filler", "s", List.of("row"), filler),
                new SeriesResult(
                    1,
                    "Chart heading",
                    "s",
                    COLUMNS,
                    rows(1, 2, 3),
                    new JsonObject()
                        .put("kind", "bar")
                        .put("base", new JsonObject().put("description", "its description")))));

    assertThat(PdfTexts.page(pdf, 1)).contains("filler 39").doesNotContain("Chart heading");
    assertThat(PdfTexts.page(pdf, 2))
        .contains("Chart heading")
        .contains("its description")
        .contains("c2");
  }

  @Test
  void the_date_and_page_number_never_share_a_spot() throws Exception {
    JsonObject footer =
        new JsonObject()
            .put("show", true)
            .put("show_date", true)
            .put("show_page_number", true)
            .put("date_align", "right")
            .put("page_number_align", "right");

    List<float[]> spots = new ArrayList<>();
    byte[] pdf = Reports.pdf("Footer", new JsonObject().put("footer", footer), FIRE, List.of());
    try (PDDocument document = Loader.loadPDF(pdf)) {
      new PDFTextStripper() {
        @Override
        protected void writeString(String text, List<TextPosition> positions) {
          if (text.contains("2026-11-22") || text.contains("Page 1 of 1")) {
            spots.add(new float[] {positions.get(0).getXDirAdj(), positions.get(0).getYDirAdj()});
          }
        }
      }.getText(document);
    }

    assertThat(spots).hasSize(2);
    assertThat(spots.get(0)[1]).isNotEqualTo(spots.get(1)[1]);
  }

  @Test
  void header_text_sharing_the_image_side_goes_under_the_image() throws Exception {
    BufferedImage image = new BufferedImage(80, 40, BufferedImage.TYPE_INT_RGB);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    JsonObject header =
        new JsonObject()
            .put("show", true)
            .put("text", "Under the logo")
            .put("image", Base64.getEncoder().encodeToString(out.toByteArray()));

    List<Float> baselines = new ArrayList<>();
    byte[] pdf = Reports.pdf("Logo", new JsonObject().put("header", header), FIRE, List.of());
    try (PDDocument document = Loader.loadPDF(pdf)) {
      new PDFTextStripper() {
        @Override
        protected void writeString(String text, List<TextPosition> positions) {
          if (text.contains("Under the logo")) {
            baselines.add(positions.get(0).getYDirAdj());
          }
        }
      }.getText(document);
    }

    // the image band runs 20 to 56 pt from the top of the page
    assertThat(baselines).singleElement().satisfies(y -> assertThat(y).isGreaterThan(56f));
  }

  @Test
  void a_report_stops_at_the_page_limit_with_a_note() throws Exception {
    List<JsonObject> rows = new ArrayList<>();
    for (int i = 0; i < 60_000; i++) {
      rows.add(new JsonObject().put("row", i));
    }

    byte[] pdf =
        Reports.pdf(
            "Long",
            new JsonObject(),
            FIRE,
            List.of(new SeriesResult(1, "Rows", "s", List.of("row"), rows)));

    try (PDDocument document = Loader.loadPDF(pdf)) {
      assertThat(document.getNumberOfPages()).isEqualTo(PdfRenderer.MAX_PAGES);
    }
    assertThat(PdfTexts.page(pdf, PdfRenderer.MAX_PAGES))
        .contains("The report stops here: it reached 1000 pages.");
  }

  @Test
  void long_runs_of_zero_width_marks_and_unbroken_words_are_cut_and_wrapped() throws Exception {
    String marks = "x" + "\u0301".repeat(30_000) + "y".repeat(500);
    String unbroken = "长".repeat(5_000);
    byte[] pdf =
        Reports.pdf(
            "Marks",
            new JsonObject(),
            FIRE,
            List.of(
                new SeriesResult(
                    1, "Cells", "s", List.of("cell"), List.of(new JsonObject().put("cell", marks))),
                new SeriesResult(
                    1,
                    "Words",
                    "",
                    List.of(),
                    List.of(),
                    new JsonObject()
                        .put("kind", "text")
                        .put("settings", new JsonObject().put("text", unbroken)))));

    assertThat(PdfTexts.all(pdf)).contains("Cells").contains("长长长").contains("…");
  }

  @Test
  void a_widget_list_with_nothing_in_it_is_a_page_with_the_title() throws Exception {
    assertThat(PdfTexts.all(Reports.pdf("Empty", new JsonObject(), FIRE, List.of())))
        .contains("Empty");
  }
}
