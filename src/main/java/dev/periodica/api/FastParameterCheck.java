package dev.periodica.api;

import io.vertx.json.schema.JsonSchema;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.contract.Style;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Accepts, without the library, the parameter values the library would certainly accept, so the
 * common request skips vertx-openapi's per-value work (it matches a regex it compiles on every
 * call, tries to parse the value as JSON, then runs the schema): a fifth of a simple GET's CPU.
 * Anything this does not recognise goes to the library, which accepts or refuses it with its own
 * message; so what is accepted and every refusal stay exactly the library's.
 *
 * <p>Recognised: a primitive parameter in the {@code simple} or {@code form} style whose schema
 * holds only {@code type} ({@code string}, {@code integer} or {@code boolean}), the bounds {@code
 * minimum}/{@code maximum} (integers) or {@code minLength}/{@code maxLength} (strings), and
 * annotations. The library turns a raw value into JSON before the schema sees it: a string value is
 * taken as it is only when it is made of word characters or is a UUID (a UUID never parses as JSON,
 * and quoted holds no escape); an integer only in JSON's own spelling (no sign, no leading zero).
 */
final class FastParameterCheck {
  private static final Set<String> ANNOTATIONS =
      Set.of("description", "default", "example", "examples", "title", "deprecated");

  private FastParameterCheck() {}

  /** A check of raw values that certainly pass, or null when every value goes to the library. */
  static Predicate<String> of(Parameter parameter) {
    if (parameter.getStyle() != Style.SIMPLE && parameter.getStyle() != Style.FORM) {
      return null;
    }
    JsonSchema schema = parameter.getSchema();
    if (schema == null) {
      return null;
    }
    Object type = schema.get("type");
    if ("string".equals(type) && only(schema, "minLength", "maxLength")) {
      if (!wholeBounds(schema, "minLength", "maxLength")) {
        return null;
      }
      long min = bound(schema, "minLength", 0);
      long max = bound(schema, "maxLength", Long.MAX_VALUE);
      return value ->
          value.length() >= min && value.length() <= max && (wordCharacters(value) || uuid(value));
    }
    if ("integer".equals(type) && only(schema, "minimum", "maximum", "format")) {
      Object format = schema.get("format");
      if (!wholeBounds(schema, "minimum", "maximum")
          || (format != null && !"int32".equals(format) && !"int64".equals(format))) {
        return null;
      }
      boolean int32 = "int32".equals(format);
      long min = bound(schema, "minimum", Long.MIN_VALUE);
      long max = bound(schema, "maximum", Long.MAX_VALUE);
      return value -> {
        if (!jsonInteger(value)) {
          return false;
        }
        long number = Long.parseLong(value);
        return number >= min && number <= max && (!int32 || number <= Integer.MAX_VALUE);
      };
    }
    if ("boolean".equals(type) && only(schema)) {
      return value -> value.equals("true") || value.equals("false");
    }
    return null;
  }

  private static boolean only(JsonSchema schema, String... allowed) {
    Set<String> keywords = Set.of(allowed);
    for (String name : schema.fieldNames()) {
      if (!name.equals("type") && !keywords.contains(name) && !ANNOTATIONS.contains(name)) {
        return false;
      }
    }
    return true;
  }

  /** Every bound present is a whole number (a fractional bound is left to the library). */
  private static boolean wholeBounds(JsonSchema schema, String... names) {
    for (String name : names) {
      Object value = schema.get(name);
      if (value != null && !(value instanceof Integer) && !(value instanceof Long)) {
        return false;
      }
    }
    return true;
  }

  private static long bound(JsonSchema schema, String name, long absent) {
    Object value = schema.get(name);
    return value == null ? absent : ((Number) value).longValue();
  }

  /** What the library's {@code \w+} matches: ASCII letters, digits and underscore. */
  static boolean wordCharacters(String value) {
    if (value.isEmpty()) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean word =
          (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
      if (!word) {
        return false;
      }
    }
    return true;
  }

  /** 8-4-4-4-12 hexadecimal digits. */
  static boolean uuid(String value) {
    if (value.length() != 36) {
      return false;
    }
    for (int i = 0; i < 36; i++) {
      char c = value.charAt(i);
      boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
      boolean ok =
          dash
              ? c == '-'
              : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** An integer as JSON writes one, short enough for a long: {@code 0} or {@code [1-9][0-9]*}. */
  static boolean jsonInteger(String value) {
    int length = value.length();
    if (length == 0 || length > 18) {
      return false;
    }
    if (value.charAt(0) == '0') {
      return length == 1;
    }
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
