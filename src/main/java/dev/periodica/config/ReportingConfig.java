package dev.periodica.config;

import io.vertx.core.json.JsonObject;

/** Settings of report data: where datasets live and how far queries may go. */
public record ReportingConfig(
    String datasetsSchema,
    int rowCap,
    int queryTimeoutMillis,
    java.util.Optional<java.nio.file.Path> reportsDir) {
  static ReportingConfig from(JsonObject json) {
    String schema = json.getString(ConfigKeys.DATASETS_SCHEMA, "datasets");
    if (!schema.matches("[a-z_][a-z0-9_]{0,62}")) {
      throw new IllegalArgumentException(
          "DATASETS_SCHEMA must be a lower-case SQL name, got: " + schema);
    }
    return new ReportingConfig(
        schema,
        AppConfig.integer(json, ConfigKeys.QUERY_ROW_CAP, 10_000, 1, 1_000_000),
        AppConfig.integer(json, ConfigKeys.QUERY_TIMEOUT_MS, 30_000, 100, 3_600_000),
        java.util.Optional.ofNullable(json.getString(ConfigKeys.REPORTS_DIR))
            .filter(dir -> !dir.isBlank())
            .map(java.nio.file.Path::of));
  }
}
