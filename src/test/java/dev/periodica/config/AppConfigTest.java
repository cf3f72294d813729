package dev.periodica.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class AppConfigTest {
  @Test
  void system_fonts_are_used_unless_fonts_system_is_false() {
    assertThat(AppConfig.from(new JsonObject()).reporting().systemFonts()).isTrue();
    assertThat(config("FONTS_SYSTEM", false).reporting().systemFonts()).isFalse();
    // environment variables arrive as text
    assertThat(config("FONTS_SYSTEM", "FALSE").reporting().systemFonts()).isFalse();
    assertThat(config("FONTS_SYSTEM", "true").reporting().systemFonts()).isTrue();
  }

  @Test
  void a_fonts_system_that_is_not_true_or_false_stops_the_start_naming_the_key() {
    assertThatThrownBy(() -> config("FONTS_SYSTEM", "no"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("FONTS_SYSTEM must be true or false, got: no");
  }

  @Test
  void fonts_system_is_read_from_the_environment_like_every_key() {
    assertThat(ConfigKeys.ALL).contains(ConfigKeys.FONTS_SYSTEM);
  }

  @Test
  void instance_name_is_optional_and_must_be_a_plausible_name() {
    assertThat(AppConfig.from(new JsonObject()).instanceName()).isEmpty();
    assertThat(config("INSTANCE_NAME", "").instanceName()).isEmpty();
    assertThat(config("INSTANCE_NAME", " report-host.1 ").instanceName()).contains("report-host.1");
    assertThatThrownBy(() -> config("INSTANCE_NAME", "two words"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "INSTANCE_NAME must be 1 to 253 letters, digits, '.', '_' or '-', starting with a"
                + " letter or digit, got: two words");
    assertThatThrownBy(() -> config("INSTANCE_NAME", "x".repeat(254)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("INSTANCE_NAME must be 1 to 253");
    assertThat(ConfigKeys.ALL).contains(ConfigKeys.INSTANCE_NAME);
  }

  @Test
  void exports_may_have_ten_million_rows_and_four_gib_unless_configured() {
    assertThat(AppConfig.from(new JsonObject()).reporting().exportRowCap()).isEqualTo(10_000_000);
    assertThat(AppConfig.from(new JsonObject()).reporting().exportMaxBytes())
        .isEqualTo(4096L * 1024 * 1024);
    assertThat(config("EXPORT_ROW_CAP", "500").reporting().exportRowCap()).isEqualTo(500);
    assertThat(config("EXPORT_MAX_MIB", 1).reporting().exportMaxBytes()).isEqualTo(1024 * 1024);
    assertThat(ConfigKeys.ALL).contains(ConfigKeys.EXPORT_ROW_CAP, ConfigKeys.EXPORT_MAX_MIB);
    assertThatThrownBy(() -> config("EXPORT_ROW_CAP", 0))
        .hasMessage("EXPORT_ROW_CAP must be an integer from 1 to 1000000000, got: 0");
  }

  @Test
  void bk_apps_are_code_secret_pairs_whose_secrets_never_show() {
    SopsConfig apps = config("BK_APPS", " esb_test:xxx , other:s3:cret ").sops();
    assertThat(apps.accepts("esb_test", "xxx")).isTrue();
    assertThat(apps.accepts("other", "s3:cret")).isTrue();
    assertThat(apps.accepts("esb_test", "s3:cret")).isFalse();
    assertThat(apps.accepts("esb_test", "xx")).isFalse();
    assertThat(apps.accepts("nobody", "xxx")).isFalse();
    assertThat(apps.accepts(null, null)).isFalse();
    assertThat(apps.toString()).doesNotContain("xxx").doesNotContain("s3:cret");
    assertThat(config("BK_APPS", "").sops().isEmpty()).isTrue();
    assertThat(config("BK_APPS", "").sops().accepts("", "")).isFalse();
    assertThatThrownBy(() -> config("BK_APPS", "esb_test:topsecret,esb_test:other"))
        .hasMessageStartingWith("BK_APPS must be code:secret pairs")
        .hasMessageNotContaining("topsecret");
    assertThatThrownBy(() -> config("BK_APPS", "nosecret"))
        .hasMessageStartingWith("BK_APPS must be code:secret pairs");
    assertThatThrownBy(() -> config("BK_APPS", "bad code:hidden"))
        .hasMessageNotContaining("hidden");
  }

  private static AppConfig config(String key, Object value) {
    return AppConfig.from(new JsonObject().put(key, value));
  }
}
