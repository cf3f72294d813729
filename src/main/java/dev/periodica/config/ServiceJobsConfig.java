package dev.periodica.config;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code SERVICE_JOBS}: what each service code of seed 003 ({@code svcscriptcode}) runs, as a JSON
 * object of code → {@code {"job": kind, "params": {...}}} (or just the kind's name), an object in
 * the file or a JSON text in the environment, e.g. {@code {"cleardata": {"job":
 * "maintenance.retention"}}}. The kinds are checked against the job registry when the server
 * starts; a code without an entry is kept, and its runs end {@code error} naming it.
 *
 * @param codes each code's job kind and params
 */
public record ServiceJobsConfig(Map<String, Entry> codes) {
  /** Like the codes the facade accepts: letters, digits, {@code . _ -}, at most 200. */
  private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

  /** One code's job kind and params. */
  public record Entry(String job, JsonObject params) {}

  public ServiceJobsConfig {
    codes = Map.copyOf(codes);
  }

  static ServiceJobsConfig from(JsonObject json) {
    Object value = json.getValue(ConfigKeys.SERVICE_JOBS);
    if (value == null || (value instanceof String text && text.isBlank())) {
      return new ServiceJobsConfig(Map.of());
    }
    JsonObject object;
    if (value instanceof JsonObject given) {
      object = given;
    } else {
      try {
        object = new JsonObject(value.toString());
      } catch (RuntimeException e) {
        throw invalid("must be a JSON object, got: " + value);
      }
    }
    Map<String, Entry> codes = new LinkedHashMap<>();
    for (String code : object.fieldNames()) {
      if (!CODE.matcher(code).matches()) {
        throw invalid("codes are 1 to 200 letters, digits, '.', '_' or '-', got: \"" + code + "\"");
      }
      Object entry = object.getValue(code);
      if (entry instanceof String job && !job.isBlank()) {
        codes.put(code, new Entry(job, new JsonObject()));
      } else if (entry instanceof JsonObject spec
          && spec.getValue("job") instanceof String job
          && !job.isBlank()
          && (spec.getValue("params") == null || spec.getValue("params") instanceof JsonObject)
          && spec.fieldNames().stream()
              .allMatch(key -> key.equals("job") || key.equals("params"))) {
        JsonObject params = spec.getJsonObject("params", new JsonObject());
        codes.put(code, new Entry(job, params));
      } else {
        throw invalid(
            "code "
                + code
                + " must map to a job name or {\"job\": name, \"params\": {...}}, got: "
                + entry);
      }
    }
    return new ServiceJobsConfig(codes);
  }

  private static IllegalArgumentException invalid(String rule) {
    return new IllegalArgumentException(ConfigKeys.SERVICE_JOBS + " " + rule);
  }
}
