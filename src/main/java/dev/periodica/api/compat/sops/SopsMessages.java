package dev.periodica.api.compat.sops;

import java.util.List;

/** The messages of the bk-sops facade, answered as {@code message} with {@code result: false}. */
final class SopsMessages {
  static final String APP_REFUSED =
      "app authentication failed: bk_app_code or bk_app_secret is wrong";
  static final String NO_USER = "user authentication failed: bk_username or bk_token is required";
  static final String UNKNOWN_USER =
      "user authentication failed: no user has this bk_username (set it with PATCH /users/me)";
  static final String TASK_NOT_FOUND = "periodic task not found";
  static final String TEMPLATE_NOT_FOUND = "template not found";
  static final String NOT_FOUND = "no such API";
  static final String METHOD_NOT_ALLOWED = "method not allowed";
  static final String TOO_LARGE = "request body too large";
  static final String NOT_JSON = "request body should be JSON (Content-Type: application/json)";
  static final String BAD_REQUEST = "invalid request";
  static final String INTERNAL = "internal error";

  private SopsMessages() {}

  static String required(String field) {
    return field + " is required";
  }

  static String mustBe(String field, String what) {
    return field + " should be " + what;
  }

  /** The field is named only when it is a short plain word: it is the caller's text. */
  static String unknownField(String dict, String field, List<String> known) {
    String named = field.matches("[A-Za-z0-9_]{1,64}") ? field : "(not a plain word)";
    return dict + " has an unknown field " + named + " (known: " + String.join(", ", known) + ")";
  }

  static String tooLong(String field, int max) {
    return field + " should be at most " + max + " characters";
  }
}
