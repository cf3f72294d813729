package dev.periodica.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.validation.impl.RequestParameterImpl;
import io.vertx.openapi.validation.impl.RequestValidatorImpl;
import java.util.List;
import java.util.function.Predicate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The fast parameter check never accepts what the library refuses: for every schema shape it
 * recognises, any raw value it passes is passed by vertx-openapi's own validation too.
 */
class FastParameterCheckProperties {
  private static Vertx vertx;
  private static OpenAPIContract contract;
  private static RequestValidatorImpl library;

  @BeforeContainer
  static void load() throws Exception {
    vertx = Vertx.vertx();
    JsonArray parameters =
        new JsonArray()
            .add(query("text", new JsonObject().put("type", "string")))
            .add(
                query(
                    "short",
                    new JsonObject().put("type", "string").put("minLength", 2).put("maxLength", 8)))
            .add(
                query(
                    "limit",
                    new JsonObject()
                        .put("type", "integer")
                        .put("minimum", 1)
                        .put("maximum", 1000)
                        .put("default", 50)))
            .add(query("wide", new JsonObject().put("type", "integer").put("format", "int32")))
            .add(query("flag", new JsonObject().put("type", "boolean")))
            .add(
                new JsonObject()
                    .put("name", "Pgr-User-Id")
                    .put("in", "header")
                    .put("required", true)
                    .put("schema", new JsonObject().put("type", "string")))
            .add(
                new JsonObject()
                    .put("name", "id")
                    .put("in", "path")
                    .put("required", true)
                    .put("schema", new JsonObject().put("type", "string")));
    JsonObject spec =
        new JsonObject()
            .put("openapi", "3.1.0")
            .put("info", new JsonObject().put("title", "t").put("version", "1"))
            .put("servers", new JsonArray().add(new JsonObject().put("url", "http://localhost/")))
            .put(
                "paths",
                new JsonObject()
                    .put(
                        "/items/{id}",
                        new JsonObject()
                            .put(
                                "get",
                                new JsonObject()
                                    .put("operationId", "getItem")
                                    .put("parameters", parameters)
                                    .put(
                                        "responses",
                                        new JsonObject()
                                            .put(
                                                "200",
                                                new JsonObject().put("description", "ok"))))));
    contract =
        CachedValidators.of(
            OpenAPIContract.from(vertx, spec).toCompletionStage().toCompletableFuture().get());
    library = new RequestValidatorImpl(vertx, contract);
  }

  @AfterContainer
  static void close() {
    vertx.close();
  }

  private static JsonObject query(String name, JsonObject schema) {
    return new JsonObject().put("name", name).put("in", "query").put("schema", schema);
  }

  private static List<Parameter> parameters() {
    return contract.operation("getItem").getParameters();
  }

  @Provide
  Arbitrary<String> raw() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(40),
        Arbitraries.strings().withChars("0123456789-+.eE").ofMaxLength(22),
        Arbitraries.strings().withChars("0123456789abcdefABCDEF-").ofLength(36),
        Arbitraries.create(() -> java.util.UUID.randomUUID().toString()),
        Arbitraries.strings().alpha().numeric().withChars('_').ofMaxLength(12),
        Arbitraries.of(
            "",
            "0",
            "00",
            "-0",
            "1",
            "1000",
            "1001",
            "2147483648",
            "true",
            "false",
            "null",
            "1.5",
            "\"x\"",
            "[1]",
            "{}",
            "999999999999999999",
            "9223372036854775807"));
  }

  @Property(tries = 3000)
  void what_the_fast_check_passes_the_library_passes(@ForAll("raw") String value) {
    for (Parameter parameter : parameters()) {
      Predicate<String> fast = FastParameterCheck.of(parameter);
      if (fast != null && fast.test(value)) {
        assertThatCode(() -> library.validateParameter(parameter, new RequestParameterImpl(value)))
            .as("%s = %s", parameter.getName(), value)
            .doesNotThrowAnyException();
      }
    }
  }

  @Example
  void the_common_values_take_the_fast_path_and_the_odd_ones_do_not() {
    Parameter limit = parameters().get(2);
    Parameter user = parameters().get(5);
    assertThat(FastParameterCheck.of(limit).test("50")).isTrue();
    assertThat(FastParameterCheck.of(limit).test("0")).isFalse();
    assertThat(FastParameterCheck.of(limit).test("050")).isFalse();
    assertThat(FastParameterCheck.of(user).test("37ae2db9-9b69-4d3e-9bde-9e02792e13ff")).isTrue();
    assertThat(FastParameterCheck.of(user).test("1.5")).isFalse();
    assertThat(FastParameterCheck.of(parameters().get(4)).test("true")).isTrue();
    assertThat(FastParameterCheck.of(parameters().get(1)).test("a")).isFalse();
  }
}
