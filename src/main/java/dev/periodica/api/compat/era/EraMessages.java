package dev.periodica.api.compat.era;

import java.util.List;

/** The texts of the Era facade's own errors (seed 003); the core's messages pass through as is. */
final class EraMessages {
  static final String NOT_FOUND = "service task not found";
  static final String NO_ROUTE = "no such resource";
  static final String METHOD_NOT_ALLOWED = "method not allowed";
  static final String TOO_LARGE = "request body too large";
  static final String UNSUPPORTED_TYPE = "Content-Type must be application/json";
  static final String BAD_REQUEST = "bad request";
  static final String INTERNAL = "internal error";
  static final String BODY_OBJECT = "the body must be a JSON object (a svctask entity)";
  static final String ID_IMMUTABLE = "id may not be changed";
  static final String ID_TAKEN = "a service task with this id already exists";
  static final String INTBOOL = " must be 0 or 1";
  static final String SITES_SHAPE =
      "sites must be a list of site names or a comma-separated string";
  static final String SITES_NEEDED = "sites must name at least one site with sitemode ";
  static final String SITES_UNUSED = "sites must be empty with sitemode ";
  static final String PERIODS_NEEDED = "periods must list at least one period with schedule custom";
  static final String PERIODS_UNUSED = "periods must be empty unless schedule is custom";
  static final String PERIOD_SHAPE =
      "periods[%d] must be an object with weekday (1-7, Monday 1, or MON…SUN), from and to (HH:MM)";
  static final String INTERVAL_RANGE =
      "intervalsec must be an integer from 1 to %d when isregular is 1";
  static final String ONE_SHOT_START =
      "dtstart is required when isregular is 0 (when the task runs)";
  static final String TIME_SHAPE = " must be a UTC time such as 2019-02-20T08:00:00Z, or null";
  static final String OPTS_SHAPE = "opts must be an object with text title and comment";
  static final String CODE_SHAPE =
      "svcscriptcode is required: 1 to 200 letters, digits, '.', '_' or '-'";
  static final String NAME_SHAPE = "name must be text of at most 200 characters";
  static final String FILTER_SHAPE =
      "filter must be a JSON object of field to a value or a list of values";
  static final String LOOKUP_KEY = "LOOKUP needs the key id (in the query or a JSON body)";
  static final String FLAT_SHAPE = "flat must be 0, 1, true or false";

  private EraMessages() {}

  static String oneOf(String field, List<String> values) {
    return field + " must be one of " + String.join(", ", values);
  }

  static String unknownField(String what, String field, List<String> known) {
    String shown = field.length() > 60 ? field.substring(0, 60) + "…" : field;
    return what
        + " has an unknown field \""
        + shown
        + "\" (known: "
        + String.join(", ", known)
        + ")";
  }

  static String badValue(String field) {
    return "filter value of " + field + " has the wrong type or shape";
  }

  static String tooManyValues(String field, int max) {
    return "filter of " + field + " may list at most " + max + " values";
  }
}
