package dev.periodica.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.Color;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.jfree.data.xy.XYSeries;
import org.junit.jupiter.api.Test;

/**
 * The professional look: {@code settings.style} read leniently, numbers in the report's locale,
 * numeric columns right-aligned, smooth lines that never overshoot.
 */
class ReportStyleTest {
  private static final Instant FIRE = Instant.parse("2026-11-22T08:00:00Z");

  private static JsonObject style(Object palette, Object locale, Object decimals) {
    JsonObject style = new JsonObject().put("palette", palette).put("locale", locale);
    if (decimals != null) {
      style.put("decimals", decimals);
    }
    return new JsonObject().put("style", style);
  }

  @Test
  void numbers_have_thousands_separators_of_the_locale_and_no_point_zero_on_integers() {
    ReportStyle english = ReportStyle.of(new JsonObject());
    assertThat(english.numbers("n").format(61669.0)).isEqualTo("61,669");
    assertThat(english.numbers("n").format(1234567L)).isEqualTo("1,234,567");
    assertThat(english.numbers("n").format(new BigDecimal("61669.000"))).isEqualTo("61,669");
    assertThat(english.numbers("n").format(2.34567)).isEqualTo("2.35");
    assertThat(english.numbers("n").format(Double.NaN)).isEqualTo("NaN");

    ReportStyle german = ReportStyle.of(style(null, "de-DE", null));
    assertThat(german.locale()).isEqualTo(Locale.GERMANY);
    assertThat(german.numbers("n").format(61669.5)).isEqualTo("61.669,5");
  }

  @Test
  void a_locale_whose_digits_no_bundled_font_has_prints_latin_digits_not_question_marks()
      throws Exception {
    for (String locale : List.of("mr", "bn", "th-TH-u-nu-thai")) {
      ReportStyle style = ReportStyle.of(style(null, locale, null));
      assertThat(style.numbers("n").format(1234567L)).as(locale).isEqualTo("1,234,567");
      byte[] pdf =
          Reports.pdf(
              "Digits",
              style(null, locale, null),
              FIRE,
              List.of(
                  new SeriesResult(
                      1,
                      "T",
                      "s",
                      List.of("host", "total"),
                      List.of(new JsonObject().put("host", "h").put("total", 1234567L)))));
      assertThat(PdfTexts.all(pdf)).as(locale).contains("1,234,567").doesNotContain("?");
    }
    // digits the bundled DejaVu Sans prints stay the locale's own
    assertThat(ReportStyle.of(style(null, "ar", null)).numbers("n").format(1234567L))
        .isEqualTo("\u0661\u066c\u0662\u0663\u0664\u066c\u0665\u0666\u0667");
  }

  @Test
  void fixed_decimals_per_column_come_from_the_report_and_the_widget() {
    ReportStyle report = ReportStyle.of(style(null, "en", new JsonObject().put("price", 2)));
    assertThat(report.numbers("price").format(3L)).isEqualTo("3.00");
    assertThat(report.numbers("other").format(3L)).isEqualTo("3");
    ReportStyle widget =
        report.withDecimals(new JsonObject().put("decimals", new JsonObject().put("other", 1)));
    assertThat(widget.numbers("other").format(3.14159)).isEqualTo("3.1");
    assertThat(widget.numbers("price").format(3.14159)).isEqualTo("3.14");
  }

  @Test
  void bad_style_values_give_the_defaults() {
    for (Object palette : new Object[] {42, "nonsense", new JsonArray().add("red").add(7), null}) {
      ReportStyle style =
          ReportStyle.of(style(palette, "!!", new JsonObject().put("x", "two").put("y", 99)));
      assertThat(style.palette()).isEqualTo(ReportStyle.CALM);
      assertThat(style.locale()).isEqualTo(Locale.ENGLISH);
      assertThat(style.decimals()).isEmpty();
    }
    assertThat(ReportStyle.of(new JsonObject().put("style", "string")))
        .isEqualTo(ReportStyle.DEFAULT);
  }

  @Test
  void a_palette_is_a_name_or_a_list_of_colours() {
    assertThat(ReportStyle.of(style("vivid", null, null)).palette()).isEqualTo(ReportStyle.VIVID);
    assertThat(
            ReportStyle.of(
                    style(new JsonArray().add("#112233").add("bad").add("#ABCDEF"), null, null))
                .palette())
        .containsExactly(new Color(0x112233), new Color(0xABCDEF));
  }

  @Test
  void a_smooth_line_stays_between_the_values_of_each_segment() {
    double[] values = {0, 10, 10, 0, 0, 100, 3, 3, 50, 49};
    XYSeries points = new XYSeries("s", false, true);
    for (int i = 0; i < values.length; i++) {
      points.add(i, values[i]);
    }
    XYSeries curve = ChartFactory.monotone(points);
    assertThat(curve.getItemCount()).isEqualTo((values.length - 1) * ChartFactory.SMOOTH_STEPS + 1);
    for (int i = 0; i < curve.getItemCount(); i++) {
      double x = curve.getX(i).doubleValue();
      int segment = Math.min((int) Math.floor(x), values.length - 2);
      double low = Math.min(values[segment], values[segment + 1]);
      double high = Math.max(values[segment], values[segment + 1]);
      assertThat(curve.getY(i).doubleValue()).isBetween(low - 1e-9, high + 1e-9);
    }
    // and it passes through every point
    for (int i = 0; i < values.length; i++) {
      assertThat(curve.getY(i * ChartFactory.SMOOTH_STEPS).doubleValue()).isEqualTo(values[i]);
    }
  }

  @Test
  void numeric_columns_are_formatted_and_right_aligned_under_a_header() throws Exception {
    List<JsonObject> rows = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      rows.add(new JsonObject().put("host", "h" + i).put("total", 1000.0 * (i + 1) * (i + 1)));
    }
    byte[] pdf =
        Reports.pdf(
            "Styled",
            style(null, "de", null),
            FIRE,
            List.of(new SeriesResult(1, "T", "s", List.of("host", "total"), rows)));

    String text = PdfTexts.all(pdf);
    assertThat(text).contains("1.000").contains("25.000").doesNotContain("1000.0");
    Map<String, Float> rightEdges = rightEdges(pdf);
    // every number ends at the same x (right-aligned), right of the text column
    assertThat(rightEdges.get("1.000")).isCloseTo(rightEdges.get("25.000"), within());
    assertThat(rightEdges.get("total")).isCloseTo(rightEdges.get("25.000"), within());
    assertThat(rightEdges.get("h0")).isLessThan(rightEdges.get("1.000") - 100);
  }

  private static org.assertj.core.data.Offset<Float> within() {
    return org.assertj.core.data.Offset.offset(0.5f);
  }

  /** The x where each word of the first page ends. */
  private static Map<String, Float> rightEdges(byte[] pdf) throws IOException {
    Map<String, Float> edges = new TreeMap<>();
    try (PDDocument document = Loader.loadPDF(pdf)) {
      PDFTextStripper stripper =
          new PDFTextStripper() {
            @Override
            protected void writeString(String text, List<TextPosition> positions) {
              TextPosition last = positions.get(positions.size() - 1);
              edges.put(text.strip(), last.getXDirAdj() + last.getWidthDirAdj());
            }
          };
      stripper.getText(document);
    }
    return edges;
  }
}
