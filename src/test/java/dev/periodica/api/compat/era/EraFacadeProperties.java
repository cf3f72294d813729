package dev.periodica.api.compat.era;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periodica.support.Api;
import dev.periodica.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random svctask bodies (the seed's fields with right, wrong and odd values, unknown fields) on
 * create and patch, and random list parameters: never a 500, always the facade's error shape, and a
 * refused create writes no task.
 */
class EraFacadeProperties {
  private static final List<String> FIELDS =
      List.of(
          "id",
          "name",
          "isenabled",
          "svcscriptcode",
          "sitemode",
          "sites",
          "isregular",
          "overlap",
          "intervalsec",
          "dtstart",
          "dtstop",
          "schedule",
          "periods",
          "opts",
          "ext",
          "timezone",
          "bogus");
  private static final List<Object> VALUES =
      List.of(
          0,
          1,
          2,
          -1,
          3600,
          31622401,
          1.5,
          Long.MAX_VALUE,
          "",
          "all",
          "any",
          "anysite",
          "firstsite",
          "work",
          "custom",
          "nowork",
          "SITE1, SITE2",
          "dialByCallList",
          "cleardata",
          "2019-02-20T08:00:00Z",
          "2999-01-01T00:00:00Z",
          "not a time",
          "Europe/Berlin",
          "380daae6-016c-cdd4-606e-50e54938780c",
          "x".repeat(300),
          true,
          false,
          new JsonArray(),
          new JsonArray().add("a").add(""),
          new JsonArray()
              .add(new JsonObject().put("weekday", 1).put("from", "09:00").put("to", "18:00")),
          new JsonArray()
              .add(new JsonObject().put("weekday", 9).put("from", "25:00").put("to", "x")),
          new JsonObject(),
          new JsonObject().put("title", "t").put("comment", 5),
          new JsonObject().put("title", "t"));
  private static final List<String> PARAMS =
      List.of("filter", "fields", "mask", "offset", "limit", "sort", "order", "flat", "x");
  private static final List<String> PARAM_VALUES =
      List.of(
          "{\"isenabled\": 1}",
          "{\"intervalsec\": [1, \"a\"]}",
          "{\"dtstart\": null}",
          "[1]",
          "{",
          "id,ext.ct",
          "-name,intervalsec",
          "ext.nope",
          "0",
          "-5",
          "1000",
          "99999999999",
          "1",
          "true",
          "maybe",
          "{\"id\": \"x\"}",
          "{\"ext.ct\": \"2019-02-20T08:00:00Z\"}",
          "{\"schedule\": [\"work\", \"all\"]}",
          "");
  private static TestServer server;
  private static Api api;
  private static final UUID OWNER = UUID.randomUUID();
  private static String existing;

  @BeforeContainer
  static void start() {
    server = TestServer.start();
    api = server.api();
    var created =
        api.post(
            OWNER,
            EraFacadeApiTest.BASE,
            new JsonObject().put("svcscriptcode", "dial").put("intervalsec", 60));
    existing = created.id();
  }

  @AfterContainer
  static void stop() throws Exception {
    server.close();
  }

  @Provide
  Arbitrary<Map<String, Object>> bodies() {
    return Arbitraries.maps(Arbitraries.of(FIELDS), Arbitraries.of(VALUES)).ofMaxSize(10);
  }

  @Provide
  Arbitrary<Map<String, String>> queries() {
    return Arbitraries.maps(Arbitraries.of(PARAMS), Arbitraries.of(PARAM_VALUES)).ofMaxSize(5);
  }

  @Property(tries = 150)
  void random_create_bodies_never_answer_500_and_a_refusal_writes_nothing(
      @ForAll("bodies") Map<String, Object> fields) {
    JsonObject body = new JsonObject(new java.util.LinkedHashMap<>(fields));
    long before = server.count("report_tasks");
    var response = api.post(OWNER, EraFacadeApiTest.BASE, body);
    assertThat(response.status()).as(response.toString()).isLessThan(500);
    if (response.status() == 200) {
      assertThat(server.count("report_tasks")).isEqualTo(before + 1);
      api.delete(OWNER, EraFacadeApiTest.BASE + "/" + response.id());
    } else {
      EraFacadeApiTest.assertError(response, response.status());
      assertThat(server.count("report_tasks")).isEqualTo(before);
    }
  }

  @Property(tries = 150)
  void random_patch_bodies_never_answer_500(@ForAll("bodies") Map<String, Object> fields) {
    JsonObject body = new JsonObject(new java.util.LinkedHashMap<>(fields));
    var response = api.patch(OWNER, EraFacadeApiTest.BASE + "/" + existing, body);
    assertThat(response.status()).as(response.toString()).isLessThan(500);
    if (response.status() != 200) {
      EraFacadeApiTest.assertError(response, response.status());
    }
  }

  @Property(tries = 150)
  void random_list_parameters_never_answer_500(@ForAll("queries") Map<String, String> params) {
    StringBuilder query = new StringBuilder("?");
    params.forEach(
        (key, value) ->
            query
                .append(key)
                .append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8))
                .append('&'));
    var response = api.get(OWNER, EraFacadeApiTest.BASE + query);
    assertThat(response.status()).as(response.toString()).isLessThan(500);
    if (response.status() != 200) {
      EraFacadeApiTest.assertError(response, response.status());
    } else {
      assertThat(new JsonArray(response.body())).isNotNull();
    }
    var lookup = api.send(OWNER, "LOOKUP", EraFacadeApiTest.BASE + query, null);
    assertThat(lookup.status()).as(lookup.toString()).isLessThan(500);
  }
}
