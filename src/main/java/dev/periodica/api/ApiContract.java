package dev.periodica.api;

import dev.periodica.render.ReportFormat;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The OpenAPI document of the native API, with its server set to the configured prefix, the {@code
 * job} of a task limited to the kinds the registry holds and a preview's {@code format} to the
 * formats {@link ReportFormat} registers: the router is built from it and the same text is
 * published.
 */
record ApiContract(OpenAPIContract contract, String yaml) {
  static final String RESOURCE = "openapi/periodica.yaml";

  /** The schemas whose {@code job} property lists the registered kinds. */
  static final List<String> JOB_SCHEMAS = List.of("ReportTaskCreate", "ReportTaskInput");

  static Future<ApiContract> load(Vertx vertx, String prefix, List<String> jobs) {
    return vertx
        .fileSystem()
        .readFile(RESOURCE)
        .compose(
            text -> {
              Map<String, Object> document =
                  new Yaml(new SafeConstructor(new LoaderOptions())).load(text.toString());
              JsonObject published = new JsonObject(document).put("servers", server(prefix));
              JsonObject schemas = published.getJsonObject("components").getJsonObject("schemas");
              for (String schema : JOB_SCHEMAS) {
                schemas
                    .getJsonObject(schema)
                    .getJsonObject("properties")
                    .getJsonObject("job")
                    .put("enum", new JsonArray(jobs));
              }
              formats(published.getJsonObject("paths"));
              // the contract loader wants an absolute server URL; only its path matters here
              JsonObject routed =
                  published.copy().put("servers", server("http://localhost" + prefix));
              return OpenAPIContract.from(vertx, routed)
                  .map(
                      contract ->
                          new ApiContract(CachedValidators.of(contract), toYaml(published)));
            });
  }

  /** The operations whose {@code format} query parameter lists the report formats. */
  static final List<String> FORMAT_OPERATIONS = List.of("previewReport", "previewUnsavedReport");

  /** Sets the enum of those {@code format} parameters from the registry of report formats. */
  private static void formats(JsonObject paths) {
    for (String path : paths.fieldNames()) {
      for (Map.Entry<String, Object> operation : paths.getJsonObject(path)) {
        if (operation.getValue() instanceof JsonObject op
            && FORMAT_OPERATIONS.contains(op.getString("operationId"))) {
          for (Object parameter : op.getJsonArray("parameters", new JsonArray())) {
            JsonObject p = (JsonObject) parameter;
            if ("format".equals(p.getString("name")) && "query".equals(p.getString("in"))) {
              p.getJsonObject("schema").put("enum", new JsonArray(ReportFormat.names()));
            }
          }
        }
      }
    }
  }

  private static JsonArray server(String url) {
    return new JsonArray().add(new JsonObject().put("url", url));
  }

  private static String toYaml(JsonObject json) {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setWidth(100);
    return new Yaml(options).dump(plain(json));
  }

  /** Vert.x JSON as plain maps and lists, which YAML writes without Java type tags. */
  private static Object plain(Object value) {
    if (value instanceof JsonObject object) {
      Map<String, Object> map = new LinkedHashMap<>();
      object.forEach(entry -> map.put(entry.getKey(), plain(entry.getValue())));
      return map;
    }
    if (value instanceof JsonArray array) {
      List<Object> list = new ArrayList<>();
      array.forEach(item -> list.add(plain(item)));
      return list;
    }
    if (value instanceof Map<?, ?> map) {
      return plain(new JsonObject(castMap(map)));
    }
    if (value instanceof List<?> list) {
      return plain(new JsonArray(new ArrayList<>(list)));
    }
    return value;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Map<?, ?> map) {
    return (Map<String, Object>) map;
  }
}
