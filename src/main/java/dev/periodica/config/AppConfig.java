package dev.periodica.config;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

/**
 * The validated configuration of one server process. {@code database} is empty when none is
 * configured: the server then runs an embedded PostgreSQL under {@code dataDir/pg}; {@code
 * instanceName} is empty when the host name names the instance.
 */
public record AppConfig(
    Optional<DatabaseUrl> database,
    int httpPort,
    Optional<UUID> instanceId,
    Optional<String> instanceName,
    Path dataDir,
    String apiPrefix,
    int apiInstances,
    int workerInstances,
    long bodyLimitBytes,
    HttpConfig http,
    String dbSchema,
    int dbPoolSize,
    int heartbeatSeconds,
    EngineConfig engine,
    ReportingConfig reporting,
    AccessConfig access,
    Optional<JsonObject> workCalendar,
    JobsConfig jobs,
    SopsConfig sops,
    ServiceJobsConfig serviceJobs) {
  /**
   * What a task's {@code instances} list accepts as a name ({@code task.TaskPlacement.NAME}, which
   * this package may not import): host-name characters.
   */
  public static final java.util.regex.Pattern INSTANCE_NAME =
      java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  public static final int MAX_INSTANCE_NAME = 253;

  /** Reads and checks every key, failing with a message that names the key and the rule. */
  public static AppConfig from(JsonObject json) {
    String pgUrl = json.getString(ConfigKeys.PG_URL, "");
    String instance = json.getString(ConfigKeys.INSTANCE_ID, "");
    String name = String.valueOf(json.getValue(ConfigKeys.INSTANCE_NAME, "")).trim();
    if (!name.isEmpty()
        && (name.length() > MAX_INSTANCE_NAME || !INSTANCE_NAME.matcher(name).matches())) {
      throw new IllegalArgumentException(
          "INSTANCE_NAME must be 1 to "
              + MAX_INSTANCE_NAME
              + " letters, digits, '.', '_' or '-', starting with a letter or digit, got: "
              + name);
    }
    String prefix = json.getString(ConfigKeys.API_PREFIX, "/cruddy/v2");
    if (!prefix.matches("(/[A-Za-z0-9._~-]+)+")) {
      throw new IllegalArgumentException(
          "API_PREFIX must be a path such as /cruddy/v2, got: " + prefix);
    }
    String schema = json.getString(ConfigKeys.DB_SCHEMA, "public");
    if (!schema.matches("[a-z_][a-z0-9_]{0,62}")) {
      throw new IllegalArgumentException("DB_SCHEMA must be a lower-case SQL name, got: " + schema);
    }
    int heartbeat = integer(json, ConfigKeys.HEARTBEAT_SECONDS, 10, 1, 3600);
    EngineConfig engine = EngineConfig.from(json);
    if (engine.pinnedGiveUp().toSeconds() <= 2L * heartbeat) {
      throw new IllegalArgumentException(
          "PINNED_GIVE_UP_SECONDS must be more than twice HEARTBEAT_SECONDS ("
              + heartbeat
              + "), or live instances would look gone, got: "
              + engine.pinnedGiveUp().toSeconds());
    }
    int httpPort = integer(json, ConfigKeys.HTTP_PORT, 8080, 0, 65535);
    return new AppConfig(
        pgUrl.isBlank() ? Optional.empty() : Optional.of(DatabaseUrl.parse(pgUrl)),
        httpPort,
        instance.isBlank() ? Optional.empty() : Optional.of(uuid(instance)),
        name.isEmpty() ? Optional.empty() : Optional.of(name),
        Path.of(json.getString(ConfigKeys.DATA_DIR, "./data")),
        prefix,
        integer(json, ConfigKeys.API_INSTANCES, 0, 0, 256),
        integer(json, ConfigKeys.WORKER_INSTANCES, 2, 1, 256),
        integer(json, ConfigKeys.BODY_LIMIT_BYTES, 1_048_576, 1024, Integer.MAX_VALUE),
        HttpConfig.from(json, httpPort),
        schema,
        integer(json, ConfigKeys.DB_POOL_SIZE, 16, 1, 1000),
        heartbeat,
        engine,
        ReportingConfig.from(json),
        AccessConfig.from(json),
        workCalendar(json),
        JobsConfig.from(json),
        SopsConfig.from(json),
        ServiceJobsConfig.from(json));
  }

  /**
   * {@code WORK_CALENDAR}: the calendar tasks name {@code work}, as JSON (an object in the file, a
   * JSON text in the environment); empty for the default, Monday to Friday 09:00-18:00. Its periods
   * are checked when the server starts.
   */
  private static Optional<JsonObject> workCalendar(JsonObject json) {
    Object value = json.getValue(ConfigKeys.WORK_CALENDAR);
    if (value == null || (value instanceof String text && text.isBlank())) {
      return Optional.empty();
    }
    if (value instanceof JsonObject object) {
      return Optional.of(object);
    }
    try {
      return Optional.of(new JsonObject(value.toString()));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "WORK_CALENDAR must be a JSON object such as {\"periods\": [{\"days\": \"MON-FRI\","
              + " \"from\": \"09:00\", \"to\": \"18:00\"}]}, got: "
              + value);
    }
  }

  /** API verticle instances: as configured, or one per core when 0. */
  public int effectiveApiInstances() {
    return apiInstances > 0 ? apiInstances : Runtime.getRuntime().availableProcessors();
  }

  static int integer(JsonObject json, String key, int fallback, int min, int max) {
    Object value = json.getValue(key);
    if (value == null || (value instanceof String text && text.isBlank())) {
      return fallback;
    }
    try {
      long number =
          value instanceof Number n ? n.longValue() : Long.parseLong(value.toString().trim());
      if (number >= min && number <= max) {
        return (int) number;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        key + " must be an integer from " + min + " to " + max + ", got: " + value);
  }

  static boolean flag(JsonObject json, String key, boolean fallback) {
    Object value = json.getValue(key);
    if (value == null || (value instanceof String text && text.isBlank())) {
      return fallback;
    }
    if (value instanceof Boolean flag) {
      return flag;
    }
    String text = value.toString().trim();
    if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(text);
    }
    throw new IllegalArgumentException(key + " must be true or false, got: " + value);
  }

  private static UUID uuid(String text) {
    try {
      return UUID.fromString(text.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("INSTANCE_ID must be a uuid, got: " + text);
    }
  }
}
