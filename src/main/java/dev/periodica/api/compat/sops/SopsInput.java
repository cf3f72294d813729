package dev.periodica.api.compat.sops;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The parameters of a request, from its JSON body (POST) or its query (GET), read with bk-sops'
 * leniency: ids and numbers as strings or JSON numbers, booleans as JSON booleans or text.
 */
final class SopsInput {
  static final int MAX_TEXT = 255;
  static final int MAX_BIZ_ID = 64;
  static final int MAX_CRON_FIELD = 100;
  static final int MAX_CONSTANTS = 100;
  static final int MAX_CONSTANT_VALUE = 4096;
  static final String CRON_FIELDS_ORDER = "(m/h/d/dM/MY)";

  /** A constant's key: {@code ${name}}, with the names report queries accept as placeholders. */
  static final Pattern CONSTANT_KEY = Pattern.compile("\\$\\{([A-Za-z0-9_.\\-]{1,64})}");

  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");
  private static final Pattern CRON_FIELD = Pattern.compile("[0-9A-Za-z*/,\\-?#LW]{1,100}");
  private final JsonObject in;

  SopsInput(JsonObject in) {
    this.in = in;
  }

  JsonObject json() {
    return in;
  }

  /** An optional string; a JSON number is read as its text. */
  String text(String key, int max) {
    Object value = in.getValue(key);
    if (value == null) {
      return null;
    }
    String text;
    if (value instanceof String s) {
      text = s;
    } else if (value instanceof Number n && !(value instanceof Double || value instanceof Float)) {
      text = n.toString();
    } else {
      throw new SopsError(SopsMessages.mustBe(key, "a string"));
    }
    if (text.length() > max) {
      throw new SopsError(SopsMessages.tooLong(key, max));
    }
    if (text.chars().anyMatch(c -> c < 0x20 && c != '\t')) {
      throw new SopsError(SopsMessages.mustBe(key, "text without control characters"));
    }
    return text;
  }

  String requiredText(String key, int max) {
    String text = text(key, max);
    if (text == null || text.isBlank()) {
      throw new SopsError(SopsMessages.required(key));
    }
    return text;
  }

  /** {@code bk_biz_id}: required, a string or a number, kept as text. */
  String bizId() {
    return requiredText("bk_biz_id", MAX_BIZ_ID).strip();
  }

  /** A required positive id, as digits or a JSON number. */
  long id(String key) {
    String text = requiredText(key, 20).strip();
    if (!DIGITS.matcher(text).matches() || Long.parseLong(text) < 1) {
      throw new SopsError(SopsMessages.mustBe(key, "a positive number"));
    }
    return Long.parseLong(text);
  }

  /** An optional whole number in [min, max]. */
  int integer(String key, int fallback, int min, int max) {
    String text = text(key, 20);
    if (text == null || text.isBlank()) {
      return fallback;
    }
    text = text.strip();
    if (!DIGITS.matcher(text).matches()
        || Long.parseLong(text) < min
        || Long.parseLong(text) > max) {
      throw new SopsError(SopsMessages.mustBe(key, "a whole number from " + min + " to " + max));
    }
    return Integer.parseInt(text);
  }

  /** {@code enabled}: true or false (also as text); absent is false, as bk-sops documents. */
  boolean enabled() {
    Object value = in.getValue("enabled");
    if (value == null) {
      return false;
    }
    if (value instanceof Boolean flag) {
      return flag;
    }
    if (value instanceof String text) {
      if (text.equalsIgnoreCase("true")) {
        return true;
      }
      if (text.equalsIgnoreCase("false")) {
        return false;
      }
    }
    throw new SopsError(SopsMessages.mustBe("enabled", "true or false"));
  }

  /**
   * The {@code cron} dict as a 5-field Unix cron ({@code minute hour day_of_month month_of_year
   * day_of_week}), each field {@code *} when absent.
   */
  /** The fields of the {@code cron} dict, in the seed's order. */
  static final List<String> CRON_FIELDS =
      List.of("minute", "hour", "day_of_week", "day_of_month", "month_of_year");

  String cron() {
    Object value = in.getValue("cron");
    if (value == null) {
      throw new SopsError(SopsMessages.required("cron"));
    }
    if (!(value instanceof JsonObject cron)) {
      throw new SopsError(SopsMessages.mustBe("cron", "a dict"));
    }
    for (String key : cron.fieldNames()) {
      if (!CRON_FIELDS.contains(key)) {
        // a misspelt field would otherwise leave its field at *, e.g. a task every minute
        throw new SopsError(SopsMessages.unknownField("cron", key, CRON_FIELDS));
      }
    }
    SopsInput fields = new SopsInput(cron);
    return String.join(
        " ",
        fields.cronField("minute"),
        fields.cronField("hour"),
        fields.cronField("day_of_month"),
        fields.cronField("month_of_year"),
        fields.cronField("day_of_week"));
  }

  private String cronField(String key) {
    String text = text(key, MAX_CRON_FIELD);
    if (text == null || text.isBlank()) {
      return "*";
    }
    text = text.strip();
    if (!CRON_FIELD.matcher(text).matches()) {
      throw new SopsError(
          SopsMessages.mustBe(
              "cron." + key, "a crontab field (digits, names, *, /, -, and commas; no spaces)"));
    }
    return text;
  }

  /**
   * {@code constants}: {@code ${key}} to text, a number or a boolean, in the order given; empty
   * when absent.
   */
  Map<String, Object> constants() {
    Object value = in.getValue("constants");
    Map<String, Object> constants = new LinkedHashMap<>();
    if (value == null) {
      return constants;
    }
    if (!(value instanceof JsonObject object)) {
      throw new SopsError(SopsMessages.mustBe("constants", "a dict of ${key} to a value"));
    }
    if (object.size() > MAX_CONSTANTS) {
      throw new SopsError(
          SopsMessages.mustBe("constants", "at most " + MAX_CONSTANTS + " variables"));
    }
    for (Map.Entry<String, Object> entry : object) {
      if (!CONSTANT_KEY.matcher(entry.getKey()).matches()) {
        throw new SopsError(
            SopsMessages.mustBe(
                "each key of constants",
                "${name}, the name of 1 to 64 letters, digits, '_', '.' or '-'"));
      }
      Object constant = entry.getValue();
      if (constant instanceof String text) {
        if (text.length() > MAX_CONSTANT_VALUE) {
          throw new SopsError(
              SopsMessages.tooLong("constants." + entry.getKey(), MAX_CONSTANT_VALUE));
        }
        if (text.indexOf('\u0000') >= 0) {
          throw new SopsError(
              SopsMessages.mustBe("constants." + entry.getKey(), "text without NUL characters"));
        }
      } else if (!(constant instanceof Number || constant instanceof Boolean)) {
        throw new SopsError(
            SopsMessages.mustBe("constants." + entry.getKey(), "text, a number or a boolean"));
      }
      constants.put(entry.getKey(), constant);
    }
    return constants;
  }

  /** The name inside {@code ${name}}. */
  static String bare(String key) {
    var matcher = CONSTANT_KEY.matcher(key);
    return matcher.matches() ? matcher.group(1) : key;
  }
}
