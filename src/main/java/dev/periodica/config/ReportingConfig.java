package dev.periodica.config;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Settings of report data: where datasets live and how far queries may go.
 *
 * @param datasetsDatabase a separate database holding the datasets, logged into with a read-only
 *     login; empty: the datasets schema of the application database, read through {@code
 *     readerRole}, a login role periodica creates with SELECT on that schema only
 * @param systemFonts whether report PDFs may use the fonts installed on the machine besides the
 *     bundled ones
 * @param exportRowCap rows a dataset export may have (exports are streamed, so this is about what
 *     lands in storage, not memory)
 * @param exportMaxBytes bytes a dataset export's file may take
 * @param previewTimeoutMillis how long a report preview may take before it answers 503
 */
public record ReportingConfig(
    String datasetsSchema,
    int rowCap,
    int queryTimeoutMillis,
    Optional<Path> reportsDir,
    Optional<DatabaseUrl> datasetsDatabase,
    String readerRole,
    boolean systemFonts,
    int exportRowCap,
    long exportMaxBytes,
    int previewTimeoutMillis) {
  private static final String SQL_NAME = "[a-z_][a-z0-9_]{0,62}";

  static ReportingConfig from(JsonObject json) {
    String schema = json.getString(ConfigKeys.DATASETS_SCHEMA, "datasets");
    if (!schema.matches(SQL_NAME)) {
      throw new IllegalArgumentException(
          "DATASETS_SCHEMA must be a lower-case SQL name, got: " + schema);
    }
    String role = json.getString(ConfigKeys.DATASETS_READER_ROLE, "periodica_reader");
    if (!role.matches(SQL_NAME)) {
      throw new IllegalArgumentException(
          "DATASETS_READER_ROLE must be a lower-case SQL name, got: " + role);
    }
    return new ReportingConfig(
        schema,
        AppConfig.integer(json, ConfigKeys.QUERY_ROW_CAP, 10_000, 1, 1_000_000),
        AppConfig.integer(json, ConfigKeys.QUERY_TIMEOUT_MS, 30_000, 100, 3_600_000),
        Optional.ofNullable(json.getString(ConfigKeys.REPORTS_DIR))
            .filter(dir -> !dir.isBlank())
            .map(Path::of),
        Optional.ofNullable(json.getString(ConfigKeys.DATASETS_PG_URL))
            .filter(url -> !url.isBlank())
            .map(DatabaseUrl::parse),
        role,
        AppConfig.flag(json, ConfigKeys.FONTS_SYSTEM, true),
        AppConfig.integer(json, ConfigKeys.EXPORT_ROW_CAP, 10_000_000, 1, 1_000_000_000),
        AppConfig.integer(json, ConfigKeys.EXPORT_MAX_MIB, 4096, 1, 1_048_576) * 1024L * 1024,
        AppConfig.integer(json, ConfigKeys.PREVIEW_TIMEOUT_MS, 20_000, 100, 600_000));
  }
}
