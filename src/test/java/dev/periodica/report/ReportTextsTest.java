package dev.periodica.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Right-to-left text is found, with the field it is in, wherever a report prints it. */
class ReportTextsTest {
  private static ReportDraft draft(String name, JsonObject config, JsonObject settings) {
    return new ReportDraft(name, config, settings, false, null, null, List.of(), List.of());
  }

  private static JsonObject onePage(JsonObject widget) {
    return new JsonObject()
        .put(
            "pages",
            new JsonArray().add(new JsonArray().add(new JsonObject().put("widget", widget))));
  }

  @Test
  void arabic_and_hebrew_are_found_with_their_field() {
    assertThat(ReportTexts.rightToLeft(draft("تقرير", new JsonObject(), new JsonObject())))
        .contains("name");
    JsonObject settings = new JsonObject().put("footer", new JsonObject().put("text", "דוח שבועי"));
    assertThat(ReportTexts.rightToLeft(draft("Weekly", new JsonObject(), settings)))
        .contains("settings.footer.text");
    JsonObject text =
        new JsonObject()
            .put("name", "ok")
            .put(
                "settings",
                new JsonObject()
                    .put("kind", "text")
                    .put("settings", new JsonObject().put("text", "مرحبا")));
    assertThat(ReportTexts.rightToLeft(draft("Weekly", onePage(text), new JsonObject())))
        .contains("config.pages[0][0].widget.settings.settings.text");
  }

  @Test
  void latin_cyrillic_cjk_and_query_text_pass() {
    JsonObject widget =
        new JsonObject()
            .put("name", "Отчёт 中文 Ünïcode")
            .put("series", new JsonArray().add(new JsonObject().put("sql", "SELECT 'שלום'")));
    assertThat(ReportTexts.rightToLeft(draft("Report 報告", onePage(widget), null))).isEmpty();
    assertThat(ReportTexts.rightToLeft(new JsonObject().put("name", "שלום"))).contains("name");
  }
}
