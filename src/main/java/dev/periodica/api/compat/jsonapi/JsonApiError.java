package dev.periodica.api.compat.jsonapi;

/**
 * A refusal in JSON:API's shape: the HTTP status, a short title, the detail and the query parameter
 * at fault (null when none).
 */
final class JsonApiError extends RuntimeException {
  private final int status;
  private final String parameter;

  JsonApiError(int status, String detail, String parameter) {
    super(detail, null, false, false);
    this.status = status;
    this.parameter = parameter;
  }

  static JsonApiError badParameter(String parameter, String detail) {
    return new JsonApiError(400, detail, parameter);
  }

  int status() {
    return status;
  }

  String parameter() {
    return parameter;
  }
}
