package dev.periodica.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periodica.support.Api;
import dev.periodica.support.Api.Response;
import dev.periodica.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Text in a right-to-left script, which report PDFs cannot shape yet, is refused when a report or
 * widget is saved, naming the field, rather than printed later as {@code ?} or in mirrored order.
 */
class RightToLeftTextApiTest {
  private static TestServer server;
  private static Api api;
  private final UUID owner = UUID.randomUUID();

  @BeforeAll
  static void start() {
    server = TestServer.start();
    api = server.api();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void a_report_with_a_hebrew_footer_answers_400_naming_the_field_and_is_not_stored() {
    Response created =
        api.post(
            owner,
            Api.PREFIX + "/reports/create",
            new JsonObject()
                .put("name", "weekly")
                .put(
                    "settings",
                    new JsonObject().put("footer", new JsonObject().put("text", "דוח שבועי"))));

    assertThat(created.status()).as(created.toString()).isEqualTo(400);
    assertThat(created.error())
        .isEqualTo(
            "settings.footer.text is written in a right-to-left script (Arabic, Hebrew), which"
                + " reports cannot print yet");
    assertThat(server.count("reports")).isZero();
  }

  @Test
  void a_widget_with_an_arabic_name_answers_400_and_a_cyrillic_one_is_saved() {
    String dashboard = new dev.periodica.support.Fixtures(api).dashboard(owner, "d");

    Response arabic =
        api.post(
            owner,
            Api.PREFIX + "/widgets/create",
            new JsonObject().put("name", "تقرير").put("dashboard_id", dashboard));
    Response cyrillic =
        api.post(
            owner,
            Api.PREFIX + "/widgets/create",
            new JsonObject().put("name", "Отчёт").put("dashboard_id", dashboard));

    assertThat(arabic.status()).as(arabic.toString()).isEqualTo(400);
    assertThat(arabic.error()).startsWith("widget name is written in a right-to-left script");
    assertThat(cyrillic.status()).as(cyrillic.toString()).isEqualTo(201);
  }
}
