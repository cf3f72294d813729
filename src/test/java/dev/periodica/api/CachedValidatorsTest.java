package dev.periodica.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.Validator;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Parameter;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CachedValidatorsTest {
  private static Vertx vertx;
  private static OpenAPIContract contract;

  @BeforeAll
  static void load() throws Exception {
    vertx = Vertx.vertx();
    JsonObject limit =
        parameter("limit", new JsonObject().put("type", "integer").put("maximum", 10));
    JsonObject name = parameter("name", new JsonObject().put("type", "string").put("maxLength", 3));
    JsonObject spec =
        new JsonObject()
            .put("openapi", "3.1.0")
            .put("info", new JsonObject().put("title", "t").put("version", "1"))
            .put("servers", new JsonArray().add(new JsonObject().put("url", "http://localhost/")))
            .put(
                "paths",
                new JsonObject()
                    .put(
                        "/items",
                        new JsonObject()
                            .put(
                                "get",
                                new JsonObject()
                                    .put("operationId", "listItems")
                                    .put("parameters", new JsonArray().add(limit).add(name))
                                    .put(
                                        "responses",
                                        new JsonObject()
                                            .put(
                                                "200",
                                                new JsonObject().put("description", "ok"))))));
    contract =
        CachedValidators.of(
            OpenAPIContract.from(vertx, spec).toCompletionStage().toCompletableFuture().get());
  }

  @AfterAll
  static void close() {
    vertx.close();
  }

  private static JsonObject parameter(String name, JsonObject schema) {
    return new JsonObject().put("name", name).put("in", "query").put("schema", schema);
  }

  private static List<Parameter> parameters() {
    return contract.operation("listItems").getParameters();
  }

  @Test
  void oneValidatorServesEveryRequestForTheSameSchema() {
    JsonSchema schema = parameters().get(0).getSchema();
    Validator first = contract.getSchemaRepository().validator(schema);
    Validator again = contract.getSchemaRepository().validator(parameters().get(0).getSchema());
    assertThat(again).isSameAs(first);
  }

  @Test
  void eachSchemaKeepsItsOwnRules() {
    Validator limit = contract.getSchemaRepository().validator(parameters().get(0).getSchema());
    Validator name = contract.getSchemaRepository().validator(parameters().get(1).getSchema());
    assertThat(name).isNotSameAs(limit);
    assertThat(limit.validate(5).getValid()).isTrue();
    assertThat(limit.validate(11).getValid()).isFalse();
    assertThat(limit.validate("abc").getValid()).isFalse();
    assertThat(name.validate("abc").getValid()).isTrue();
    assertThat(name.validate("abcd").getValid()).isFalse();
    // a cached validator validates again, with no state left from the last call
    assertThat(limit.validate(5).getValid()).isTrue();
  }
}
