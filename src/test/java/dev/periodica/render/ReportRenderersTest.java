package dev.periodica.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CSV and JSON renderers on results built in the test: no server, no database. */
class ReportRenderersTest {
  private static final Instant FIRE = Instant.parse("2026-11-22T08:00:00Z");
  private static final List<SeriesResult> RESULTS =
      List.of(
          new SeriesResult(
              1,
              "hosts",
              "by total",
              List.of("host", "total"),
              List.of(
                  new JsonObject().put("host", "a, \"b\"").put("total", 61669.0),
                  new JsonObject().put("host", null).put("total", 2))),
          new SeriesResult(2, "other", "s", List.of("n"), List.of(new JsonObject().put("n", 1))));

  @Test
  void csv_is_one_table_of_every_column_each_row_tagged_with_page_widget_and_series() {
    String csv = new String(CsvRenderer.render(RESULTS), StandardCharsets.UTF_8);

    assertThat(csv)
        .isEqualTo(
            "page,widget,series,host,total,n\r\n"
                + "1,hosts,by total,\"a, \"\"b\"\"\",61669.0,\r\n"
                + "1,hosts,by total,,2,\r\n"
                + "2,other,s,,,1\r\n");
  }

  @Test
  void json_keeps_the_report_structure_and_the_fire_time() {
    JsonObject json =
        new JsonObject(new String(JsonRenderer.render("R", FIRE, RESULTS), StandardCharsets.UTF_8));

    assertThat(json.getString("report")).isEqualTo("R");
    assertThat(json.getString("fire_time")).startsWith("2026-11-22T08:00:00");
    assertThat(json.getJsonArray("series")).hasSize(2);
    JsonObject first = json.getJsonArray("series").getJsonObject(0);
    assertThat(first.getInteger("page")).isEqualTo(1);
    assertThat(first.getJsonArray("columns").getList()).containsExactly("host", "total");
    assertThat(first.getJsonArray("rows").getJsonObject(0).getString("host")).isEqualTo("a, \"b\"");
  }

  @Test
  void the_registry_names_every_format_once_pdf_first() {
    assertThat(ReportFormat.names()).containsExactly("pdf", "csv", "xlsx", "json");
    assertThat(ReportFormat.of("XLSX")).contains(ReportFormat.XLSX);
    assertThat(ReportFormat.of("docx")).isEmpty();
  }
}
