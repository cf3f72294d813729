package dev.periodica.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The OpenAPI document of the native API, with its server set to the configured prefix: the router
 * is built from it and the same text is published.
 */
record ApiContract(OpenAPIContract contract, String yaml) {
  static final String RESOURCE = "openapi/periodica.yaml";

  static Future<ApiContract> load(Vertx vertx, String prefix) {
    return vertx
        .fileSystem()
        .readFile(RESOURCE)
        .compose(
            text -> {
              Map<String, Object> document =
                  new Yaml(new SafeConstructor(new LoaderOptions())).load(text.toString());
              JsonObject published = new JsonObject(document).put("servers", server(prefix));
              // the contract loader wants an absolute server URL; only its path matters here
              JsonObject routed =
                  published.copy().put("servers", server("http://localhost" + prefix));
              return OpenAPIContract.from(vertx, routed)
                  .map(contract -> new ApiContract(contract, toYaml(published)));
            });
  }

  private static JsonArray server(String url) {
    return new JsonArray().add(new JsonObject().put("url", url));
  }

  private static String toYaml(JsonObject json) {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setWidth(100);
    return new Yaml(options).dump(json.getMap());
  }
}
