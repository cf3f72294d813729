package dev.periodica.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.awt.Color;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Settings and widget presentations read once, leniently, into a typed document. */
class DocumentBuilderTest {
  private static final Instant FIRE = Instant.parse("2026-11-22T08:00:00Z");

  private static List<Object> row(Object... values) {
    return Arrays.asList(values);
  }

  @Test
  void settings_become_style_font_header_and_footer_with_defaults_for_bad_values() {
    JsonObject settings =
        new JsonObject(
            """
            {"style": {"font": " OpenSans-Bold ", "locale": "de-DE", "palette": "gray",
                       "decimals": {"total": 2}},
             "header": {"show": "true", "text": "Ops", "text_align": "RIGHT", "color": "#1f4e79",
                        "image": "...", "show_on_all_pages": "nonsense"},
             "footer": {"show": true, "show_page_number": true, "page_number_align": 7,
                        "show_on_first_page": false}}
            """);

    ReportDocument document = new DocumentBuilder("R", settings, FIRE).build();

    assertThat(document.font()).isEqualTo("OpenSans-Bold");
    assertThat(document.style().locale()).isEqualTo(Locale.GERMANY);
    assertThat(document.style().palette()).isEqualTo(ReportStyle.GRAY);
    assertThat(document.style().decimals()).containsEntry("total", 2);
    Section header = document.header();
    assertThat(header.show()).isTrue();
    assertThat(header.textAlign()).isEqualTo(Align.RIGHT);
    assertThat(header.color()).isEqualTo(new Color(0x1f4e79));
    assertThat(header.image()).as("unreadable: left out").isNull();
    assertThat(header.onAllPages()).isTrue();
    Section footer = document.footer();
    assertThat(footer.showPageNumber()).isTrue();
    assertThat(footer.pageNumberAlign()).isEqualTo(Align.RIGHT);
    assertThat(footer.onFirstPage()).isFalse();
    assertThat(document.pages()).isEmpty();
  }

  @Test
  void widgets_become_blocks_a_heading_on_the_first_and_captions_when_several_series() {
    JsonObject bars =
        new JsonObject(
            """
            {"kind": "histogram", "base": {"name": "By host", "description": "All hosts"},
             "settings": {"stack": true, "decimals": {"n": 1}}, "legend": {"placement": "right"}}
            """);
    DocumentBuilder builder = new DocumentBuilder("R", new JsonObject(), FIRE);
    builder.widget(
        1,
        "hosts",
        bars,
        List.of(
            new DocumentBuilder.Series(
                "today", List.of("host", "n", "m"), List.of(row("a", 5, 1), row("b", null, 2))),
            new DocumentBuilder.Series("words", List.of("host", "label"), List.of(row("a", "x")))));
    builder.widget(
        3,
        "about",
        new JsonObject().put("kind", "text").put("settings", new JsonObject().put("text", "Hi")),
        List.of(new DocumentBuilder.Series("", List.of(), List.of())));
    builder.widget(3, "nothing", new JsonObject(), List.of());

    ReportDocument document = builder.build();

    assertThat(document.pages()).extracting(ReportDocument.Page::number).containsExactly(1, 3);
    List<Block> first = document.pages().get(0).blocks();
    assertThat(first).hasSize(2);
    Block.Chart chart = (Block.Chart) first.get(0);
    assertThat(chart.heading()).isEqualTo(new Block.Heading("By host", "All hosts"));
    assertThat(chart.caption()).isEqualTo("today");
    assertThat(chart.kind()).isEqualTo(Block.ChartKind.BAR);
    assertThat(chart.stacked()).isTrue();
    assertThat(chart.categoryAxis()).isEqualTo("host");
    assertThat(chart.categories()).containsExactly("a", "b");
    assertThat(chart.series()).extracting(Block.ChartSeries::name).containsExactly("n", "m");
    assertThat(chart.series().get(0).values()).containsExactly(5.0, null);
    assertThat(chart.legend()).as("two value columns").isTrue();
    assertThat(chart.legendEdge()).isEqualTo("right");
    // no numeric column: shown as a table, its numbers right-aligned with the widget's decimals
    Block.Table table = (Block.Table) first.get(1);
    assertThat(table.heading()).isNull();
    assertThat(table.caption()).isEqualTo("words");
    assertThat(table.formats())
        .containsExactly(new Block.ColumnFormat(false, null), new Block.ColumnFormat(false, null));
    Block.Text text = (Block.Text) document.pages().get(1).blocks().get(0);
    assertThat(text.text()).isEqualTo("Hi");
    assertThat(text.heading().title()).isEqualTo("about");
    assertThat(text.caption()).isNull();
  }

  @Test
  void a_table_column_is_numeric_by_its_first_value_and_takes_its_decimals() {
    DocumentBuilder builder =
        new DocumentBuilder(
            "R",
            new JsonObject()
                .put("style", new JsonObject().put("decimals", new JsonObject().put("n", 3))),
            FIRE);
    builder.widget(
        1,
        "t",
        new JsonObject().put("base", new JsonObject().put("showHeading", false)),
        List.of(
            new DocumentBuilder.Series(
                "s", List.of("name", "n"), List.of(row(null, null), row("x", 2.5)))));

    Block.Table table = (Block.Table) builder.build().blocks().get(0);

    assertThat(table.heading()).isEqualTo(new Block.Heading(null, ""));
    assertThat(table.formats())
        .containsExactly(new Block.ColumnFormat(false, null), new Block.ColumnFormat(true, 3));
  }

  @Test
  void a_chart_without_rows_or_numbers_is_a_table_and_an_image_that_cannot_be_read_says_why() {
    DocumentBuilder builder = new DocumentBuilder("R", new JsonObject(), FIRE);
    builder.widget(
        1,
        "empty",
        new JsonObject().put("kind", "line"),
        List.of(new DocumentBuilder.Series("s", List.of("a"), List.of())));
    builder.widget(
        1,
        "picture",
        new JsonObject()
            .put("kind", "image")
            .put("settings", new JsonObject().put("image", "not base64!").put("fit", "cover")),
        List.of(new DocumentBuilder.Series("", List.of(), List.of())));

    List<Block> blocks = builder.build().blocks();

    assertThat(blocks.get(0)).isInstanceOf(Block.Table.class);
    Block.Image image = (Block.Image) blocks.get(1);
    assertThat(image.image()).isNull();
    assertThat(image.problem()).isEqualTo("settings.image is not valid base64");
    assertThat(image.fit()).isEqualTo(ReportImage.Fit.COVER);
    assertThat(image.align()).isEqualTo(Align.CENTER);
  }
}
