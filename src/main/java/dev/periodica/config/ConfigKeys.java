package dev.periodica.config;

import java.util.List;

/**
 * Every configuration key. The same names are used in {@code conf/config.json} and as environment
 * variables, which override the file.
 */
public final class ConfigKeys {
  public static final String PG_URL = "PG_URL";
  public static final String HTTP_PORT = "HTTP_PORT";
  public static final String INSTANCE_ID = "INSTANCE_ID";
  public static final String INSTANCE_NAME = "INSTANCE_NAME";
  public static final String DATA_DIR = "DATA_DIR";
  public static final String API_PREFIX = "API_PREFIX";
  public static final String API_INSTANCES = "API_INSTANCES";
  public static final String WORKER_INSTANCES = "WORKER_INSTANCES";
  public static final String BODY_LIMIT_BYTES = "BODY_LIMIT_BYTES";
  public static final String HTTP_IDLE_TIMEOUT_SECONDS = "HTTP_IDLE_TIMEOUT_SECONDS";
  public static final String METRICS_PORT = "METRICS_PORT";
  public static final String METRICS_TOKEN = "METRICS_TOKEN";
  public static final String ALLOWED_ORIGINS = "ALLOWED_ORIGINS";
  public static final String WS_MAX_CONNECTIONS_PER_USER = "WS_MAX_CONNECTIONS_PER_USER";
  public static final String DB_SCHEMA = "DB_SCHEMA";
  public static final String DB_POOL_SIZE = "DB_POOL_SIZE";
  public static final String HEARTBEAT_SECONDS = "HEARTBEAT_SECONDS";
  public static final String CONFIG_FILE = "CONFIG_FILE";
  public static final String DIAGNOSTIC_JOBS = "DIAGNOSTIC_JOBS";
  public static final String SCHEDULER_TICK_MS = "SCHEDULER_TICK_MS";
  public static final String SCHEDULER_BATCH = "SCHEDULER_BATCH";
  public static final String WORKER_CONCURRENCY = "WORKER_CONCURRENCY";
  public static final String WORKER_POLL_MS = "WORKER_POLL_MS";
  public static final String LEASE_SECONDS = "LEASE_SECONDS";
  public static final String LEASE_RENEW_SECONDS = "LEASE_RENEW_SECONDS";
  public static final String RETRY_BASE_SECONDS = "RETRY_BASE_SECONDS";
  public static final String RETRY_CAP_SECONDS = "RETRY_CAP_SECONDS";
  public static final String MISFIRE_THRESHOLD_SECONDS = "MISFIRE_THRESHOLD_SECONDS";
  public static final String CATCHUP_WINDOW_SECONDS = "CATCHUP_WINDOW_SECONDS";
  public static final String MAX_CATCHUP = "MAX_CATCHUP";
  public static final String MAX_CATCHUP_PER_TICK = "MAX_CATCHUP_PER_TICK";
  public static final String SHUTDOWN_GRACE_SECONDS = "SHUTDOWN_GRACE_SECONDS";
  public static final String HOUSEKEEPING_SECONDS = "HOUSEKEEPING_SECONDS";
  public static final String RETENTION_DAYS = "RETENTION_DAYS";
  public static final String REPORTS_DIR = "REPORTS_DIR";
  public static final String DATASETS_SCHEMA = "DATASETS_SCHEMA";
  public static final String QUERY_ROW_CAP = "QUERY_ROW_CAP";
  public static final String QUERY_TIMEOUT_MS = "QUERY_TIMEOUT_MS";
  public static final String EXPORT_ROW_CAP = "EXPORT_ROW_CAP";
  public static final String EXPORT_MAX_MIB = "EXPORT_MAX_MIB";
  public static final String DATASETS_PG_URL = "DATASETS_PG_URL";
  public static final String DATASETS_READER_ROLE = "DATASETS_READER_ROLE";
  public static final String INSTANCE_DEAD_SECONDS = "INSTANCE_DEAD_SECONDS";
  public static final String PINNED_GIVE_UP_SECONDS = "PINNED_GIVE_UP_SECONDS";
  public static final String RETENTION_PER_TASK = "RETENTION_PER_TASK";
  public static final String RETENTION_SWEEP_SECONDS = "RETENTION_SWEEP_SECONDS";
  public static final String STATS_RECOUNT_MINUTES = "STATS_RECOUNT_MINUTES";
  public static final String ADMIN_USER_IDS = "ADMIN_USER_IDS";
  public static final String WORK_CALENDAR = "WORK_CALENDAR";
  public static final String FONTS_SYSTEM = "FONTS_SYSTEM";

  /** How long {@code POST /reports/{id}/preview} may take, in milliseconds. */
  public static final String PREVIEW_TIMEOUT_MS = "PREVIEW_TIMEOUT_MS";

  public static final String HTTP_JOB_ALLOWED_HOSTS = "HTTP_JOB_ALLOWED_HOSTS";
  public static final String BK_APPS = "BK_APPS";
  public static final String SERVICE_JOBS = "SERVICE_JOBS";
  public static final String CONSOLE_READ_ONLY = "CONSOLE_READ_ONLY";
  public static final String CONSOLE_DEV_IDENTITY = "CONSOLE_DEV_IDENTITY";

  public static final List<String> ALL =
      List.of(
          PG_URL,
          HTTP_PORT,
          INSTANCE_ID,
          INSTANCE_NAME,
          DATA_DIR,
          API_PREFIX,
          API_INSTANCES,
          WORKER_INSTANCES,
          BODY_LIMIT_BYTES,
          HTTP_IDLE_TIMEOUT_SECONDS,
          METRICS_PORT,
          METRICS_TOKEN,
          ALLOWED_ORIGINS,
          WS_MAX_CONNECTIONS_PER_USER,
          DB_SCHEMA,
          DB_POOL_SIZE,
          HEARTBEAT_SECONDS,
          DIAGNOSTIC_JOBS,
          SCHEDULER_TICK_MS,
          SCHEDULER_BATCH,
          WORKER_CONCURRENCY,
          WORKER_POLL_MS,
          LEASE_SECONDS,
          LEASE_RENEW_SECONDS,
          RETRY_BASE_SECONDS,
          RETRY_CAP_SECONDS,
          MISFIRE_THRESHOLD_SECONDS,
          CATCHUP_WINDOW_SECONDS,
          MAX_CATCHUP,
          MAX_CATCHUP_PER_TICK,
          SHUTDOWN_GRACE_SECONDS,
          HOUSEKEEPING_SECONDS,
          RETENTION_DAYS,
          RETENTION_PER_TASK,
          RETENTION_SWEEP_SECONDS,
          STATS_RECOUNT_MINUTES,
          INSTANCE_DEAD_SECONDS,
          PINNED_GIVE_UP_SECONDS,
          DATASETS_SCHEMA,
          QUERY_ROW_CAP,
          QUERY_TIMEOUT_MS,
          EXPORT_ROW_CAP,
          EXPORT_MAX_MIB,
          DATASETS_PG_URL,
          DATASETS_READER_ROLE,
          REPORTS_DIR,
          ADMIN_USER_IDS,
          WORK_CALENDAR,
          FONTS_SYSTEM,
          PREVIEW_TIMEOUT_MS,
          HTTP_JOB_ALLOWED_HOSTS,
          BK_APPS,
          SERVICE_JOBS,
          CONSOLE_READ_ONLY,
          CONSOLE_DEV_IDENTITY);

  private ConfigKeys() {}
}
