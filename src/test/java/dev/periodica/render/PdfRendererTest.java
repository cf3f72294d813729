package dev.periodica.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** Real PDFs checked with PDFBox text extraction. */
class PdfRendererTest {
  private static final Instant FIRE = Instant.parse("2026-11-22T08:00:00Z");

  @Test
  void header_footer_page_numbers_date_cyrillic_and_tables_render() throws Exception {
    List<JsonObject> rows = new ArrayList<>();
    for (int i = 0; i < 80; i++) {
      rows.add(new JsonObject().put("host", "узел-" + i).put("total", i * 10));
    }
    JsonObject settings =
        new JsonObject()
            .put("style", new JsonObject().put("font", "OpenSans-ExtraBoldItalic"))
            .put(
                "header",
                new JsonObject()
                    .put("show", true)
                    .put("text", "Ежедневный отчёт")
                    .put("show_on_all_pages", false)
                    .put("color", "#aa0000"))
            .put(
                "footer",
                new JsonObject()
                    .put("show", true)
                    .put("show_on_first_page", true)
                    .put("text", "ООО Периодика")
                    .put("show_date", true)
                    .put("show_page_number", true)
                    .put("text_align", "left"));

    byte[] pdf =
        Reports.pdf(
            "Отчёт 中文",
            settings,
            FIRE,
            List.of(new SeriesResult(1, "Hosts", "by total", List.of("host", "total"), rows)));

    try (PDDocument document = Loader.loadPDF(pdf)) {
      assertThat(document.getNumberOfPages()).isEqualTo(2);
      String first = PdfTexts.page(document, 1);
      String second = PdfTexts.page(document, 2);
      assertThat(first).contains("Ежедневный отчёт").contains("Отчёт 中文").contains("Hosts");
      assertThat(first).contains("host").contains("узел-0").contains("ООО Периодика");
      assertThat(first).contains("Page 1 of 2").contains("2026-11-22");
      assertThat(second).doesNotContain("Ежедневный отчёт").contains("host").contains("узел-79");
      assertThat(second).contains("Page 2 of 2");
      var resources = document.getPage(0).getResources();
      List<PDFont> fonts = new ArrayList<>();
      for (var name : resources.getFontNames()) {
        fonts.add(resources.getFont(name));
      }
      assertThat(fonts).allSatisfy(font -> assertThat(font.isEmbedded()).isTrue());
      assertThat(fonts)
          .extracting(PDFont::getName)
          .anySatisfy(name -> assertThat(name).contains("OpenSans-ExtraboldItalic"))
          .anySatisfy(name -> assertThat(name).containsIgnoringCase("WenQuanYi"));
    }
  }

  @Test
  void bar_line_and_pie_widgets_render_as_charts_with_text_labels() throws Exception {
    List<JsonObject> rows =
        List.of(
            new JsonObject().put("category", "alpha").put("n", 5),
            new JsonObject().put("category", "beta").put("n", 7),
            new JsonObject().put("category", "gamma").put("n", 2));
    List<SeriesResult> results = new ArrayList<>();
    for (String kind : List.of("histogram", "line", "pie")) {
      results.add(
          new SeriesResult(
              1,
              kind + " widget",
              "s",
              List.of("category", "n"),
              rows,
              new JsonObject().put("kind", kind)));
    }

    byte[] pdf = Reports.pdf("Charts", new JsonObject(), FIRE, results);

    try (PDDocument document = Loader.loadPDF(pdf)) {
      String text = new PDFTextStripper().getText(document);
      assertThat(text).contains("histogram widget").contains("line widget").contains("pie widget");
      assertThat(text.split("alpha", -1)).hasSizeGreaterThanOrEqualTo(4);
      assertThat(text).contains("gamma").doesNotContain("category n");
    }
  }

  @Test
  void an_empty_series_says_so() throws Exception {
    byte[] pdf =
        Reports.pdf(
            "Empty",
            new JsonObject(),
            FIRE,
            List.of(new SeriesResult(1, "W", "S", List.of("a"), List.of())));

    try (PDDocument document = Loader.loadPDF(pdf)) {
      assertThat(PdfTexts.page(document, 1)).contains("No data for this period");
    }
  }
}
