package dev.periodica.api.compat.pandora;

import java.util.List;

/** The texts the export-task facade (seed 002) answers with, in one place. */
final class PandoraMessages {
  static final String BAD_REQUEST = "the request does not match the API";
  static final String BODY_NOT_OBJECT = "the body must be a JSON object";
  static final String CONTENT_TYPE = "Content-Type must be application/json";
  static final String NOT_FOUND = "not found";
  static final String TASK_NOT_FOUND = "task not found";
  static final String METHOD_NOT_ALLOWED = "method not allowed";
  static final String PAYLOAD_TOO_LARGE = "the body is too large";
  static final String INTERNAL_ERROR = "internal error";
  static final String NUL_CHARACTER = "text may not contain the NUL character";
  static final String INTERVAL_TYPE = "interval.type must be crontab or cronDate";
  static final String CRONTAB_REQUIRED =
      "interval.crontab is required when interval.type is crontab";
  static final String CRONTAB_INVALID =
      "interval.crontab must be a cron of 6 or 7 fields with seconds, such as */5 * * * * ?";
  static final String CRONDATE_REQUIRED =
      "interval.cronDate is required when interval.type is cronDate";
  static final String INTERVAL_INVALID = "interval does not make a valid schedule";
  static final String NEVER_FIRES = "interval has no fire time after now";
  static final String STATUS = "status must be running or stopped";
  static final String TASKS = "tasks must be a list of at most 1000 task ids";
  static final String ORDER = "order must be asc or desc";

  private PandoraMessages() {}

  static String required(String field) {
    return field + " is required";
  }

  static String text(String field, int max) {
    return field + " must be a string of at most " + max + " characters";
  }

  static String oneOf(String field, List<String> values) {
    return field + " must be one of " + String.join(", ", values);
  }

  static String integer(String field, int min, int max) {
    return field + " must be an integer from " + min + " to " + max;
  }

  static String tasksNotFound(List<String> ids) {
    return "task not found: " + String.join(", ", ids);
  }
}
