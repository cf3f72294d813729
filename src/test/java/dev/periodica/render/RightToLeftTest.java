package dev.periodica.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.text.Normalizer;
import java.time.Instant;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/**
 * Hebrew and Arabic arriving in query results at run time (table cells, chart labels) are printed
 * with the bundled fonts, Arabic in its joining forms and both in visual order, never as {@code ?}.
 */
class RightToLeftTest {
  private static final Instant FIRE = Instant.parse("2026-11-22T08:00:00Z");
  private static final String ARABIC = "مرحبا بالعالم";
  private static final String HEBREW = "שלום עולם";

  @Test
  void arabic_is_shaped_into_joining_forms_and_both_scripts_are_in_visual_order() {
    String arabic = Bidi.visual("سلام");
    // from the left: meem alone, the lam-alef ligature in its final form, seen in its initial form
    assertThat(arabic).isEqualTo("\uFEE1\uFEFC\uFEB3");
    assertThat(Bidi.visual("שלום")).isEqualTo("םולש");
    assertThat(Bidi.visual("host (שלום) 42")).isEqualTo("host (םולש) 42");
    String latin = "plain text";
    assertThat(Bidi.visual(latin)).isSameAs(latin);
  }

  @Test
  void
      right_to_left_table_cells_and_chart_labels_print_in_the_bundled_fonts_without_question_marks()
          throws Exception {
    List<SeriesResult> results =
        List.of(
            new SeriesResult(
                1,
                "cells",
                "s",
                List.of("name", "n"),
                List.of(
                    new JsonObject().put("name", ARABIC).put("n", 1),
                    new JsonObject().put("name", HEBREW).put("n", 2))),
            new SeriesResult(
                1,
                "bars",
                "s",
                List.of("city", "n"),
                List.of(
                    new JsonObject().put("city", "القاهرة").put("n", 5),
                    new JsonObject().put("city", "ירושלים").put("n", 7)),
                new JsonObject().put("kind", "bar")));

    byte[] pdf = Reports.pdf("RTL", new JsonObject(), FIRE, results, ReportFonts.of(false));

    try (PDDocument document = Loader.loadPDF(pdf)) {
      // PDFBox reads the glyphs back in logical order, presentation forms normalised
      String text =
          Normalizer.normalize(new PDFTextStripper().getText(document), Normalizer.Form.NFKC);
      assertThat(text).contains(Normalizer.normalize(ARABIC, Normalizer.Form.NFKC), HEBREW);
      assertThat(text).doesNotContain("?");
    }
  }

  @Test
  void a_chart_with_right_to_left_labels_is_drawn_in_a_font_that_has_them() throws Exception {
    try (PDDocument document = new PDDocument();
        PdfFonts fonts = new PdfFonts(document, null, ReportFonts.of(false))) {
      assertThat(fonts.chartFontFor("city القاهرة ירושלים").awt().getFontName())
          .startsWith("DejaVu");
      assertThat(fonts.chartFontFor("city host-1").awt().getFontName()).startsWith("Open Sans");
      assertThat(fonts.chartFontFor("城市 host-1").awt().getFontName()).contains("Micro Hei");
    }
  }
}
