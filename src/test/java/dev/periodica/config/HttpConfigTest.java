package dev.periodica.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The flood limits' configuration: defaults, and a bad value stops the start naming its key. */
class HttpConfigTest {
  @Test
  void a_bad_flood_limit_stops_the_start_with_a_message_naming_its_key() {
    JsonObject[] bad = {
      new JsonObject().put("HTTP_IDLE_TIMEOUT_SECONDS", 0),
      new JsonObject().put("HTTP_IDLE_TIMEOUT_SECONDS", "soon"),
      new JsonObject().put("METRICS_PORT", 70_000),
      new JsonObject().put("METRICS_PORT", 8080).put("HTTP_PORT", 8080),
      new JsonObject().put("METRICS_TOKEN", "short"),
      new JsonObject().put("METRICS_TOKEN", "a token with spaces in it"),
      new JsonObject().put("ALLOWED_ORIGINS", "app.example.com"),
      new JsonObject().put("ALLOWED_ORIGINS", "https://app.example.com/path"),
      new JsonObject().put("WS_MAX_CONNECTIONS_PER_USER", 0),
      new JsonObject().put("MAX_CATCHUP_PER_TICK", 0),
    };
    for (JsonObject config : bad) {
      String key =
          config.fieldNames().stream().filter(k -> !k.equals("HTTP_PORT")).findFirst().get();
      assertThatThrownBy(() -> AppConfig.from(config))
          .as(config.encode())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith(key + " must");
    }
  }

  @Test
  void defaults_close_idle_connections_after_60_s_and_serve_metrics_on_9090_only() {
    AppConfig config = AppConfig.from(new JsonObject());

    assertThat(config.http().idleTimeout()).hasSeconds(60);
    assertThat(config.http().metricsPort()).isEqualTo(9090);
    assertThat(config.http().metricsToken()).isEmpty();
    assertThat(config.http().allowedOrigins()).isEmpty();
    assertThat(config.http().wsMaxConnectionsPerUser()).isEqualTo(20);
    assertThat(config.engine().maxCatchUpPerTick()).isEqualTo(1000);
  }

  @Test
  void allowed_origins_are_read_from_a_comma_separated_list_in_one_form() {
    AppConfig config =
        AppConfig.from(
            new JsonObject()
                .put("ALLOWED_ORIGINS", " https://App.Example.com , http://localhost:3000,*")
                .put("METRICS_PORT", 0)
                .put("METRICS_TOKEN", "0123456789abcdef"));

    assertThat(config.http().allowedOrigins())
        .containsExactly("https://app.example.com:443", "http://localhost:3000", "*");
    assertThat(config.http().metricsPort()).isZero();
    assertThat(config.http().metricsToken()).contains("0123456789abcdef");
  }
}
