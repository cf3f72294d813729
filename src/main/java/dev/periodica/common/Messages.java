package dev.periodica.common;

/** Every error message the API answers with, in one place (the seed documents fix many of them). */
public final class Messages {
  public static final String BAD_REQUEST = "Bad Request";
  public static final String NOT_FOUND = "Not Found";
  public static final String INTERNAL_ERROR = "Internal Server Error";
  public static final String PAYLOAD_TOO_LARGE = "Request Entity Too Large";
  public static final String METHOD_NOT_ALLOWED = "Method Not Allowed";
  public static final String URI_TOO_LONG = "URI Too Long";
  public static final String HEADERS_TOO_LARGE = "Request Header Fields Too Large";
  public static final String UNSUPPORTED_MEDIA_TYPE = "Unsupported Media Type";
  public static final String MISSING_UID_HEADER = "missing uid header";
  public static final String UID_NOT_UUID = "Pgr-User-Id should be uuid format";
  public static final String UID_HEADER_REPEATED = "Pgr-User-Id should be sent once";
  public static final String OWNER_ONLY_SHARES = "only the owner may change who it is shared with";
  public static final String OWNER_ONLY_MOVE_WIDGET =
      "only the owner of a widget may move it to another dashboard";
  public static final String MISSING_REPORT_ID = "missing report id";
  public static final String REPORT_ID_NOT_UUID = "report id should be uuid format";
  public static final String MISSING_INSTANCE = "missing instance for report generate task";
  public static final String INSTANCE_ID_NOT_UUID = "instance id should be uuid format";
  public static final String MISSING_INTERVAL = "missing mandatory field: interval";
  public static final String INVALID_INTERVAL = "invalid interval format";
  public static final String INVALID_TIMEZONE =
      "timezone should be an IANA time zone such as Europe/Moscow";
  public static final String ALREADY_EXISTS = "the object already exists";
  public static final String NUL_CHARACTER = "text must not contain the NUL character (\\u0000)";
  public static final String VALUE_TOO_LARGE = "a value is too large to be stored";
  public static final String PAGES_SHAPE =
      "config.pages should be a list of pages, each a list of widget placements (objects)";
  public static final String TASK_REPORT_IMMUTABLE =
      "report_id of a task cannot be changed; create a task on the other report";
  public static final String ID_IMMUTABLE = "id cannot be changed";
  public static final String WINDOW_ORDER = "start_at should be before stop_at";
  public static final String RUN_ID_FORMAT = "run id should be a positive integer";
  public static final String RUN_STATUS_UNKNOWN =
      "status should be among new, in_action, complete, cancel, error, need_restart,"
          + " cancel_too_long";
  public static final String SCHEDULE_NEVER_FIRES =
      "the schedule has no fire time after now (check the interval, start_at/stop_at and calendar)";
  public static final String AT_OUT_OF_RANGE =
      "@at should be a time from "
          + Timestamps.MIN_YEAR
          + " to "
          + Timestamps.MAX_YEAR
          + " such as 2026-12-01T09:00:00Z";
  public static final String SCHEDULE_NOT_COMPUTABLE =
      "the fire times of this schedule cannot be computed; check the interval";
  public static final String PAUSED_SCHEDULE =
      "paused: the next fire time of the schedule could not be computed; change the interval,"
          + " timezone, start_at or stop_at to resume";
  public static final String FILE_GONE = "the report file is no longer in storage";
  public static final String SYSTEM_REPORT_READ_ONLY = "system reports cannot be changed";
  public static final String GROUP_OWNER_ONLY = "only the owner of a group may change it";
  public static final String CATEGORY_CYCLE = "a category cannot be its own ancestor";
  public static final String CHANGED_MEANWHILE =
      "the object was changed by another request meanwhile; read it again and retry";
  public static final String OWNER_ONLY_DELETE = "only the owner may delete it";
  public static final String CALENDAR_SHAPE =
      "calendar should be \"work\", \"nowork\", \"all\" or an object with periods and"
          + " exclude_dates";
  public static final String DAYS_RULE =
      " should be days of the week such as [\"MON\", \"TUE\"] or a range such as \"MON-FRI\"";
  public static final String ADMIN_ONLY_IS_SYSTEM = "only administrators may change is_system";
  public static final String ADMIN_ONLY_INSTANCES = "only administrators may see the instances";
  public static final String TASK_OWNER_OR_REPORT_OWNER_DELETE =
      "only the owner of the task or of its report may delete it";
  public static final String OWNER_CANNOT_SEE_REPORT =
      "paused: the owner of this task can no longer see its report";
  public static final String INVALID_SORT = "sort accepts only these fields: %s";
  public static final String TOO_MANY_PLACEMENTS =
      "config.pages should hold at most %d widget placements in all";
  public static final String WS_TOO_MANY_IDS = "%s should be a list of at most %d ids";
  public static final String WS_CHECK_FAILED =
      "the subscription could not be checked just now; send it again";
  public static final String WS_TOO_SLOW = "subscriber too slow: more than %d runs pending";
  public static final String WS_HELD_UP =
      "live progress held up: more than %d runs waiting for a visibility check; reconnect";
  public static final String WS_EVENTS_MISSED =
      "live progress: run events were missed while the database could not be heard; reconnect";
  public static final String WS_SNAPSHOT_OUTRUN =
      "live progress: more than %d runs changed while the snapshot was read; reconnect";
  public static final String WS_TOO_MANY_CONNECTIONS =
      "at most %d live-progress connections per user; close one first";
  public static final String CROSS_SITE_REFUSED =
      "changes are not accepted from a web page of another origin (ALLOWED_ORIGINS lists the"
          + " origins allowed besides the server's own)";
  public static final String WS_ORIGIN_REFUSED =
      "WebSocket connections from this origin are not allowed";
  public static final String METRICS_TOKEN_REQUIRED =
      "metrics need the header Authorization: Bearer <METRICS_TOKEN>";
  public static final String PLACEMENT_CHOICES = "any, each, first or one_of";
  public static final String INSTANCES_SHAPE =
      "instances should be a list of instance ids or names";
  public static final String INSTANCES_ONLY_WITH_LIST =
      "instances is used only with placement first, one_of or each";
  public static final String INSTANCE_NAME_SHAPE =
      "an instance id (uuid) or name (letters, digits, '.', '_', '-', starting with a letter or"
          + " digit)";

  /**
   * The error of a run no listed instance took: {@code format()}ed in SQL with the instances and
   * the seconds waited.
   */
  public static final String LISTED_INSTANCES_GONE =
      "none of the instances %s has been running for %s s; a run placed on them cannot start"
          + " elsewhere";

  public static final String ADMIN_ONLY_JOB = "only administrators may schedule the job %s";
  public static final String ADMIN_ONLY_JOB_NO_REPORT =
      "the job %s takes no report_id: its tasks are seen and run by their owner alone";
  public static final String EXPORT_SQL_OR_QUERY =
      "params should hold exactly one of sql and query";
  public static final String HTTP_JOB_DISABLED =
      "http.request is disabled on this server: list the hosts it may call in"
          + " HTTP_JOB_ALLOWED_HOSTS (comma-separated, such as api.example.com,*.example.org)";
  public static final String HTTP_URL =
      "params.url must be an absolute http or https URL of at most 2048 characters, without a"
          + " user name or password";
  public static final String HTTP_HEADER_FORBIDDEN = "params.headers may not set %s";
  public static final String HTTP_HEADERS =
      "params.headers must be an object of at most %d header names (letters, digits and"
          + " !#$%%&'*+-.^_`|~) with text values of at most %d characters on one line"
          + " (printable ASCII or Latin-1, spaces and tabs)";
  public static final String HTTP_BODY = "params.body must be text or JSON of at most %d bytes";

  private Messages() {}

  /** {@code unknown job "report.mail" (known: dataset.export, …)}; a long name is cut. */
  public static String unknownJob(String name, java.util.List<String> known) {
    String shown = name.length() > 60 ? name.substring(0, 60) + "…" : name;
    return "unknown job \"" + shown + "\" (known: " + String.join(", ", known) + ")";
  }

  /** The reason a run of a service task (seed 003) whose code names no job ends {@code error}. */
  public static String serviceCodeUnconfigured(String code, String setting) {
    String shown = code.length() > 100 ? code.substring(0, 100) + "…" : code;
    return "no job is configured for service code \"" + shown + "\" (" + setting + ")";
  }

  public static String httpHostNotAllowed(String host) {
    return "params.url may not call " + host + ": it is not in HTTP_JOB_ALLOWED_HOSTS";
  }

  /** A URL whose host is an address in a restricted range ({@code private}, {@code loopback}…). */
  public static String httpAddressRefused(String host, String range) {
    return "params.url may not call "
        + host
        + ": "
        + article(range)
        + " address; list it in HTTP_JOB_ALLOWED_HOSTS to allow it";
  }

  /** A host that resolved, when run, to an address in a restricted range. */
  public static String httpResolvedRefused(String host, String address, String range) {
    return "http.request may not call "
        + host
        + ": it resolves to "
        + address
        + ", "
        + article(range)
        + " address; list the host in HTTP_JOB_ALLOWED_HOSTS to allow it";
  }

  private static String article(String word) {
    return ("aeiou".indexOf(word.charAt(0)) >= 0 ? "an " : "a ") + word;
  }

  public static String paramUnknown(String key, String job, java.util.List<String> known) {
    String shown = key.length() > 60 ? key.substring(0, 60) + "…" : key;
    return "params."
        + shown
        + " is not a parameter of "
        + job
        + (known.isEmpty() ? " (it takes none)" : " (known: " + String.join(", ", known) + ")");
  }

  public static String paramOneOf(String key, java.util.List<String> values) {
    return "params." + key + " must be one of " + String.join(", ", values);
  }

  public static String paramInteger(String key, long min, long max) {
    return "params." + key + " must be an integer from " + min + " to " + max;
  }

  public static String paramObject(String key) {
    return "params." + key + " must be an object";
  }

  public static String paramText(String key, int max) {
    return "params." + key + " must be text of at most " + max + " characters";
  }

  public static String paramPeriod(String key) {
    return "params." + key + " must be two expressions such as [\"now-1d\", \"now\"]";
  }

  public static String paramRequired(String key) {
    return "params." + key + " is required";
  }

  /** {@code report not found}, {@code dashboard not found}, … */
  public static String notFound(String thing) {
    return thing + " not found";
  }

  /** {@code runs 7, 9 not found}: the ids of a set the caller asked for that they may not see. */
  public static String notFound(String things, java.util.Collection<?> ids) {
    StringBuilder text = new StringBuilder(things).append(' ');
    ids.forEach(id -> text.append(id).append(", "));
    text.setLength(text.length() - 2);
    return text.append(" not found").toString();
  }

  /** {@code dashboard id should be uuid format}, … */
  public static String idNotUuid(String thing) {
    return thing + " id should be uuid format";
  }

  public static String missingField(String field) {
    return "missing mandatory field: " + field;
  }

  public static String tooLong(String field, int max) {
    return field + " is too long (at most " + max + " characters)";
  }

  public static String mustBe(String field, String what) {
    return field + " should be " + what;
  }

  /** {@code placement first needs a non-empty instances list: …} */
  public static String placementNeedsInstances(String placement) {
    return "placement "
        + placement
        + " needs a non-empty instances list: instance ids or names,"
        + " in order";
  }

  public static String tooManyInstances(int max) {
    return "instances should be a list of at most " + max + " instance ids or names";
  }

  public static String instanceListedTwice(String entry) {
    return "instances lists " + entry + " twice (names match without regard to case)";
  }

  public static String nilInstanceListed(int index) {
    return "instances["
        + index
        + "] is the nil uuid, which means any instance: use placement any instead";
  }

  /** The seed's {@code instance} pins a task to one instance, which only placement any allows. */
  public static String instancePinsOnlyAny(String placement) {
    return "instance pins a task only with placement any; with placement "
        + placement
        + " send the nil uuid "
        + Ids.ANY_INSTANCE;
  }

  /** {@code PATCH /users/me}: another user holds this username (compared case-insensitively). */
  public static final String USERNAME_TAKEN = "username already taken";

  /** Retry of a run that did not fail or get cancelled (issue 14). */
  public static String runNotRetryable(String status) {
    return "the run is "
        + status
        + "; only runs in error, cancel or cancel_too_long can be retried";
  }

  /** A bulk action's filter names a field the run filter does not have. */
  public static String unknownFilterField(String field, java.util.List<String> fields) {
    return "filter has no field " + field + "; it takes " + String.join(", ", fields);
  }

  /** {@code filter.task_id has no value; leave it out to match any} */
  public static String emptyFilterField(String field) {
    return "filter." + field + " has no value; leave it out to match any";
  }

  public static final String SELECTION_IDS_OR_FILTER =
      "send either ids (a list of run ids) or filter (an object), not both";
  public static final String READ_ONLY =
      "the server is read-only (CONSOLE_READ_ONLY=true): changes are refused";
  public static final String WS_TICKET_INVALID =
      "ws ticket is unknown, already used or expired: ask POST /ws/ticket for a new one";
  public static final String WS_TOO_MANY_TICKETS =
      "too many unused WebSocket tickets (%d): use one, or wait until they expire (%d s)";
  public static final String WS_TICKET_OTHER_USER =
      "ws ticket is another user's than the request's Pgr-User-Id";
  public static final String PAUSE_REASON_ONLY_WHEN_STOPPING =
      "reason is given only with status stopped";

  /**
   * A report's printed text in a script its PDF cannot shape yet; {@code where} names the field.
   */
  public static String rightToLeftText(String where) {
    return where
        + " is written in a right-to-left script (Arabic, Hebrew), which reports cannot print yet";
  }
}
