package dev.periodica.api.compat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A facade's OpenAPI document as the jar holds it ({@code yaml}, published as it is) and the
 * contract loaded from it for the facade's prefix, which validates the facade's requests.
 */
public record FacadeContract(OpenAPIContract contract, String yaml) {
  public static Future<FacadeContract> load(Vertx vertx, String resource, String prefix) {
    return vertx
        .fileSystem()
        .readFile(resource)
        .compose(
            text -> {
              Map<String, Object> document =
                  new Yaml(new SafeConstructor(new LoaderOptions())).load(text.toString());
              // the contract loader wants an absolute server URL; only its path matters here
              JsonObject routed =
                  new JsonObject(document)
                      .put(
                          "servers",
                          new JsonArray()
                              .add(new JsonObject().put("url", "http://localhost" + prefix)));
              return OpenAPIContract.from(vertx, routed)
                  .map(contract -> new FacadeContract(contract, text.toString()));
            });
  }
}
