package dev.periodica.api.compat.jsonapi;

/** The texts of the JSON:API facade's error objects (seed 001). */
final class JsonApiMessages {
  static final String USER_NOT_UUID = "userId should be a uuid";
  static final String USER_MISMATCH = "Pgr-User-Id and the path's userId name different users";
  static final String NOT_FOUND = "no such resource";
  static final String METHOD_NOT_ALLOWED = "only GET is allowed here";
  static final String NOT_ACCEPTABLE =
      "Accept names application/vnd.api+json only with media type parameters";
  static final String TOO_LARGE = "the request body is too large";
  static final String UNSUPPORTED_MEDIA_TYPE = "unsupported media type";
  static final String BAD_REQUEST = "the request does not match the API description";
  static final String INTERNAL = "internal error";
  static final String FILTER_SHAPE =
      "should read op(Field, value[, value…]) with op one of eq, ne, gt, ge, lt, le, in";
  static final String REPORT_IDS = "should be report ids (numbers or uuids), comma-separated";
  static final String TOO_LONG = "is longer than %d characters";
  static final String TOO_MANY_VALUES = "in() takes at most %d values";
  static final String UNKNOWN_OPERATOR = "unknown operator %s (known: eq, ne, gt, ge, lt, le, in)";
  static final String UNKNOWN_FIELD = "unknown field %s of %s (known: %s)";
  static final String ONE_VALUE = "%s takes exactly one value";
  static final String ORDER_NOT_APPLICABLE = "operator %s does not apply to %s";
  static final String NULL_NOT_APPLICABLE = "null applies only to eq or ne on %s";
  static final String NOT_NULLABLE = "%s is never null";
  static final String BAD_VALUE = "%s should be %s, not %s";
  static final String UNKNOWN_FILTER = "unknown filter %s (known: %s)";
  static final String UNKNOWN_PAGE = "unknown page parameter %s (known: page[limit], page[offset])";
  static final String PAGE_LIMIT = "page[limit] should be an integer from 1 to %d";
  static final String PAGE_OFFSET = "page[offset] should be an integer from 0 to %d";
  static final String UNKNOWN_SORT = "cannot sort on %s (known: %s)";
  static final String TOO_MANY_SORTS = "sort takes at most %d fields";
  static final String REPEATED = "%s is given more than once";
  static final String UNSUPPORTED_PARAMETER = "%s is not supported by this server";

  private JsonApiMessages() {}
}
