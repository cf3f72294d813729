package dev.periodica.api.compat.era;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periodica.support.Api;
import dev.periodica.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seed 003 replayed: the documented requests of the svctasks resource answer as documented, and the
 * list's filter, projections, sorting and paging, LOOKUP, the errors and access behave as the seed
 * and the issue describe.
 */
class EraFacadeApiTest {
  static final String BASE = "/rest/v1/service/svctasks";
  static final String SEED_ID = "380daae6-016c-cdd4-606e-50e54938780c";
  static final String SECOND_ID = "86228b15-016c-cdef-ccce-50e54938780c";
  private static TestServer server;
  private static Api api;

  /** The entity of the seed's create example, as documented. */
  static JsonObject seedEntity() {
    return new JsonObject(
        """
        {
        "id": "380daae6-016c-cdd4-606e-50e54938780c",
        "name": "Обзвон должников",
        "isenabled": 0,
        "svcscriptcode": "dialByCallList",
        "sitemode": "all",
        "sites": "",
        "isregular": 1,
        "overlap": 1,
        "intervalsec": 3600,
        "dtstart": "2019-02-20T08:00:00Z",
        "dtstop": "2020-02-20T08:00:00Z",
        "schedule": "work",
        "periods": [],
        "opts": {
        "title": "",
        "comment": ""
        },
        "ext": {
        "ct": "2019-08-26T12:09:03.34Z",
        "lwt": "2019-08-26T12:09:03.34Z"
        }
        }
        """);
  }

  static JsonObject secondEntity() {
    return seedEntity()
        .put("id", SECOND_ID)
        .put("name", "Очистка ежедневная")
        .put("isenabled", 1)
        .put("svcscriptcode", "cleardata")
        .put("intervalsec", 86400);
  }

  @BeforeAll
  static void start() {
    server =
        TestServer.start(
            new JsonObject()
                .put("SERVICE_JOBS", "{\"cleardata\": {\"job\": \"maintenance.retention\"}}"));
    api = server.api();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static JsonObject withoutExt(JsonObject entity) {
    JsonObject copy = entity.copy();
    copy.remove("ext");
    return copy;
  }

  private static String q(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  @Test
  void the_seed_examples_replayed_answer_as_documented() {
    UUID owner = TestServer.ADMIN;
    var created = api.post(owner, BASE, seedEntity());
    assertThat(created.status()).as(created.toString()).isEqualTo(200);
    JsonObject task = created.json();
    assertThat(withoutExt(task)).isEqualTo(withoutExt(seedEntity()));
    assertThat(task.getJsonObject("ext").fieldNames()).containsExactlyInAnyOrder("ct", "lwt");
    assertThat(created.headers().firstValue("content-type").orElse(""))
        .startsWith("application/json");

    var second = api.post(owner, BASE, secondEntity());
    assertThat(second.status()).as(second.toString()).isEqualTo(200);

    var list = api.get(owner, BASE + "?offset=0&limit=2");
    assertThat(list.status()).isEqualTo(200);
    JsonArray items = new JsonArray(list.body());
    assertThat(items).hasSize(2);
    JsonObject first = items.getJsonObject(0);
    assertThat(first.fieldNames())
        .containsExactly(
            "id",
            "name",
            "isenabled",
            "svcscriptcode",
            "sitemode",
            "isregular",
            "overlap",
            "intervalsec",
            "dtstart",
            "dtstop",
            "schedule",
            "ext");
    assertThat(first.getString("id")).isEqualTo(SEED_ID);
    assertThat(items.getJsonObject(1).getString("id")).isEqualTo(SECOND_ID);
    assertThat(items.getJsonObject(1).getString("svcscriptcode")).isEqualTo("cleardata");
    assertThat(items.getJsonObject(1).getInteger("intervalsec")).isEqualTo(86400);

    var one = api.get(owner, BASE + "/" + SEED_ID);
    assertThat(one.status()).isEqualTo(200);
    assertThat(withoutExt(one.json())).isEqualTo(withoutExt(seedEntity()));

    JsonObject patched =
        seedEntity()
            .put("isenabled", 1)
            .put("sitemode", "firstsite")
            .put("sites", "SITE1, SITE2")
            .put("schedule", "all");
    var patch = api.patch(owner, BASE + "/" + SEED_ID, patched);
    assertThat(patch.status()).as(patch.toString()).isEqualTo(200);
    assertThat(withoutExt(patch.json())).isEqualTo(withoutExt(patched));
    assertThat(patch.json().getJsonObject("ext").getString("ct"))
        .isEqualTo(task.getJsonObject("ext").getString("ct"));

    // an ordinary task, seen natively: first over the sites, no calendar, allow overlap
    var natively = api.get(owner, Api.PREFIX + "/report_tasks/" + SEED_ID);
    assertThat(natively.status()).as(natively.toString()).isEqualTo(200);
    assertThat(natively.json().getString("placement")).isEqualTo("first");
    assertThat(natively.json().getJsonArray("instances")).containsExactly("site1", "site2");
    assertThat(natively.json().getString("interval")).isEqualTo("@every 3600s");
    assertThat(natively.json().getString("job")).isEqualTo("service.unconfigured");
    var cleardata = api.get(owner, Api.PREFIX + "/report_tasks/" + SECOND_ID);
    assertThat(cleardata.json().getString("job")).isEqualTo("maintenance.retention");

    var lookup = api.send(owner, "LOOKUP", BASE + "?id=" + SEED_ID, null);
    assertThat(lookup.status()).as(lookup.toString()).isEqualTo(200);
    assertThat(new JsonArray(lookup.body())).containsExactly(SEED_ID);
    var lookupBody =
        api.send(
            owner,
            "LOOKUP",
            BASE,
            new JsonObject()
                .put("id", new JsonArray().add(SECOND_ID).add(UUID.randomUUID().toString())));
    assertThat(new JsonArray(lookupBody.body())).containsExactly(SECOND_ID);

    var delete = api.delete(owner, BASE + "/" + SECOND_ID);
    assertThat(delete.status()).isEqualTo(204);
    assertThat(api.get(owner, BASE + "/" + SECOND_ID).status()).isEqualTo(404);
    assertThat(api.delete(owner, BASE + "/" + SEED_ID).status()).isEqualTo(204);
  }

  @Test
  void filters_projections_sorting_and_paging_follow_the_seed() {
    UUID owner = UUID.randomUUID();
    List<String> ids = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      JsonObject body =
          new JsonObject()
              .put("name", "task " + i)
              .put("isenabled", i % 2)
              .put("svcscriptcode", i < 3 ? "dial" : "report")
              .put("sitemode", i == 4 ? "anysite" : "all")
              .put("sites", i == 4 ? new JsonArray().add("a").add("b") : "")
              .put("intervalsec", 60 * (5 - i))
              .put("schedule", i == 0 ? "custom" : "all")
              .put(
                  "periods",
                  i == 0
                      ? new JsonArray()
                          .add(
                              new JsonObject()
                                  .put("weekday", 1)
                                  .put("from", "09:00")
                                  .put("to", "12:00"))
                      : new JsonArray())
              .put("opts", new JsonObject().put("title", "t" + i).put("comment", "c"));
      var created = api.post(owner, BASE, body);
      assertThat(created.status()).as(created.toString()).isEqualTo(200);
      ids.add(created.id());
    }
    var enabled = api.get(owner, BASE + "?filter=" + q("{\"isenabled\": 1}"));
    assertThat(idsOf(enabled)).containsExactly(ids.get(1), ids.get(3));
    var codes =
        api.get(
            owner,
            BASE + "?filter=" + q("{\"svcscriptcode\": [\"report\"], \"sitemode\": \"all\"}"));
    assertThat(idsOf(codes)).containsExactly(ids.get(3));
    var interval = api.get(owner, BASE + "?filter=" + q("{\"intervalsec\": [60, 120]}"));
    assertThat(idsOf(interval)).containsExactly(ids.get(3), ids.get(4));
    var custom = api.get(owner, BASE + "?filter=" + q("{\"schedule\": \"custom\"}"));
    assertThat(idsOf(custom)).containsExactly(ids.get(0));

    var sorted = api.get(owner, BASE + "?sort=intervalsec");
    assertThat(idsOf(sorted))
        .containsExactly(ids.get(4), ids.get(3), ids.get(2), ids.get(1), ids.get(0));
    var descending = api.get(owner, BASE + "?order=-isenabled,name&offset=1&limit=2");
    assertThat(idsOf(descending)).containsExactly(ids.get(3), ids.get(0));

    var fields = api.get(owner, BASE + "?fields=id,ext.ct&limit=1");
    JsonObject only = new JsonArray(fields.body()).getJsonObject(0);
    assertThat(only.fieldNames()).containsExactly("id", "ext");
    assertThat(only.getJsonObject("ext").fieldNames()).containsExactly("ct");
    var flat = api.get(owner, BASE + "?mask=name,ext&flat=1&limit=1");
    assertThat(new JsonArray(flat.body()).getJsonObject(0).fieldNames())
        .containsExactly("name", "ext.ct", "ext.lwt");
    var oneFlat = api.get(owner, BASE + "/" + ids.get(0) + "?fields=opts.title,periods&flat=true");
    assertThat(oneFlat.json())
        .isEqualTo(
            new JsonObject()
                .put("opts.title", "t0")
                .put(
                    "periods",
                    new JsonArray()
                        .add(
                            new JsonObject()
                                .put("weekday", 1)
                                .put("from", "09:00")
                                .put("to", "12:00"))));

    assertError(api.get(owner, BASE + "?filter=" + q("{\"bogus\": 1}")), 400);
    assertError(api.get(owner, BASE + "?filter=" + q("[1]")), 400);
    assertError(api.get(owner, BASE + "?filter=" + q("{\"id\": \"nope\"}")), 400);
    assertError(api.get(owner, BASE + "?sort=sites"), 400);
    assertError(api.get(owner, BASE + "?fields=nope"), 400);
    assertError(api.get(owner, BASE + "?limit=5000"), 400);

    // a stranger sees none of them, the same ids answer 404 and LOOKUP finds nothing
    UUID stranger = UUID.randomUUID();
    assertThat(new JsonArray(api.get(stranger, BASE).body())).isEmpty();
    assertError(api.get(stranger, BASE + "/" + ids.get(0)), 404);
    assertError(
        api.patch(stranger, BASE + "/" + ids.get(0), new JsonObject().put("isenabled", 1)), 404);
    assertError(api.delete(stranger, BASE + "/" + ids.get(0)), 404);
    assertThat(new JsonArray(api.send(stranger, "LOOKUP", BASE + "?id=" + ids.get(0), null).body()))
        .isEmpty();
  }

  @Test
  void sitemode_all_with_sites_runs_on_each_listed_site_and_without_on_every_instance() {
    UUID owner = UUID.randomUUID();
    JsonObject body =
        new JsonObject()
            .put("name", "each listed site")
            .put("svcscriptcode", "dial")
            .put("sitemode", "all")
            .put("sites", "SITE1, SITE2")
            .put("intervalsec", 3600);
    var listed = api.post(owner, BASE, body);
    assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
    // answered as given, the seed's comma string included
    assertThat(listed.json().getString("sitemode")).isEqualTo("all");
    assertThat(listed.json().getString("sites")).isEqualTo("SITE1, SITE2");
    var natively = api.get(owner, Api.PREFIX + "/report_tasks/" + listed.id()).json();
    assertThat(natively.getString("placement")).isEqualTo("each");
    assertThat(natively.getJsonArray("instances")).containsExactly("site1", "site2");

    var asList = api.post(owner, BASE, body.copy().put("sites", new JsonArray().add("SITE3")));
    assertThat(asList.status()).as(asList.toString()).isEqualTo(200);
    assertThat(asList.json().getJsonArray("sites")).containsExactly("SITE3");
    assertThat(
            api.get(owner, Api.PREFIX + "/report_tasks/" + asList.id())
                .json()
                .getJsonArray("instances"))
        .containsExactly("site3");

    // all with empty sites (the seed's example) or none stays every instance
    for (Object empty : new Object[] {"", new JsonArray(), null}) {
      var every = api.post(owner, BASE, body.copy().put("sites", empty));
      assertThat(every.status()).as(every.toString()).isEqualTo(200);
      var task = api.get(owner, Api.PREFIX + "/report_tasks/" + every.id()).json();
      assertThat(task.getString("placement")).isEqualTo("each");
      assertThat(task.getJsonArray("instances")).isEmpty();
    }

    // PATCH: narrowing, widening and leaving for firstsite keep the seed's sites as sent
    String path = BASE + "/" + listed.id();
    var narrowed = api.patch(owner, path, new JsonObject().put("sites", "SITE2"));
    assertThat(narrowed.status()).as(narrowed.toString()).isEqualTo(200);
    assertThat(instancesOf(owner, listed.id())).containsExactly("site2");
    var widened = api.patch(owner, path, new JsonObject().put("sites", ""));
    assertThat(widened.json().getString("sites")).isEqualTo("");
    assertThat(instancesOf(owner, listed.id())).isEmpty();
    var first =
        api.patch(owner, path, new JsonObject().put("sitemode", "firstsite").put("sites", "SITE1"));
    assertThat(first.status()).as(first.toString()).isEqualTo(200);
    var all = api.patch(owner, path, new JsonObject().put("sitemode", "all"));
    assertThat(all.json().getString("sites")).isEqualTo("SITE1");
    var back = api.get(owner, Api.PREFIX + "/report_tasks/" + listed.id()).json();
    assertThat(back.getString("placement")).isEqualTo("each");
    assertThat(back.getJsonArray("instances")).containsExactly("site1");

    // any still takes no sites; a site twice is refused as natively
    var any = api.post(owner, BASE, body.copy().put("sitemode", "any"));
    assertError(any, 400);
    assertThat(any.json().getJsonObject("error").getString("message"))
        .isEqualTo("sites must be empty with sitemode any");
    var twice = api.post(owner, BASE, body.copy().put("sites", "SITE1, site1"));
    assertError(twice, 400);
    assertThat(twice.json().getJsonObject("error").getString("message"))
        .isEqualTo("instances lists site1 twice (names match without regard to case)");
    var bad = api.post(owner, BASE, body.copy().put("sites", "SITE 1"));
    assertError(bad, 400);
  }

  private static JsonArray instancesOf(UUID owner, String id) {
    return api.get(owner, Api.PREFIX + "/report_tasks/" + id).json().getJsonArray("instances");
  }

  @Test
  void errors_answer_a_json_body_with_a_4xx() {
    UUID owner = UUID.randomUUID();
    JsonObject body = new JsonObject().put("svcscriptcode", "dial").put("intervalsec", 60);
    assertError(api.send(null, "POST", BASE, body), 401);
    assertError(api.post(owner, BASE, "not json"), 400);
    assertError(api.post(owner, BASE, body.copy().put("isenabled", 2)), 400);
    assertError(api.post(owner, BASE, body.copy().put("intervalsec", 0)), 400);
    assertError(api.post(owner, BASE, body.copy().put("sitemode", "firstsite")), 400);
    assertError(api.post(owner, BASE, body.copy().put("schedule", "custom")), 400);
    assertError(api.post(owner, BASE, body.copy().put("unknown", 1)), 400);
    assertError(api.post(owner, BASE, body.copy().put("id", "not-a-uuid")), 400);
    var created = api.post(owner, BASE, body);
    assertThat(created.status()).isEqualTo(200);
    assertError(api.post(owner, BASE, body.copy().put("id", created.id())), 409);
    assertError(
        api.patch(
            owner,
            BASE + "/" + created.id(),
            new JsonObject().put("id", UUID.randomUUID().toString())),
        400);
    var same =
        api.patch(owner, BASE + "/" + created.id(), new JsonObject().put("id", created.id()));
    assertThat(same.status()).isEqualTo(200);
    // cleardata runs maintenance.retention, which only administrators may schedule
    assertError(api.post(owner, BASE, body.copy().put("svcscriptcode", "cleardata")), 403);
    assertError(api.get(owner, BASE + "/" + UUID.randomUUID()), 404);
    assertError(api.get(owner, "/rest/v1/service/nothing"), 404);
    assertError(api.send(owner, "PUT", BASE + "/" + created.id(), body), 405);
    assertError(api.send(owner, "LOOKUP", BASE, null), 400);
    assertError(api.send(owner, "LOOKUP", BASE + "?name=x", null), 400);
    // a native task is not a service task
    var yaml = api.get(owner, "/rest/v1/service/openapi.yaml");
    assertThat(yaml.status()).isEqualTo(200);
    assertThat(yaml.body()).contains("createSvcTask");
  }

  @Test
  void a_body_not_declared_as_json_answers_415_in_the_seed_shape_and_writes_nothing() {
    UUID owner = UUID.randomUUID();
    String body =
        new JsonObject()
            .put("name", "typed")
            .put("svcscriptcode", "dial")
            .put("intervalsec", 60)
            .encode();
    assertError(withType(owner, "POST", BASE, body, "text/plain"), 415);
    assertError(withType(owner, "POST", BASE, body, null), 415);
    assertThat(new JsonArray(api.get(owner, BASE).body())).isEmpty();
    var created = api.post(owner, BASE, new JsonObject(body));
    assertThat(created.status()).isEqualTo(200);
    String renamed = new JsonObject().put("name", "renamed").encode();
    assertError(withType(owner, "PATCH", BASE + "/" + created.id(), renamed, "text/xml"), 415);
    assertThat(api.get(owner, BASE + "/" + created.id()).json().getString("name"))
        .isEqualTo("typed");
    // the seed's own header, with its charset, is JSON
    var patched =
        withType(
            owner, "PATCH", BASE + "/" + created.id(), renamed, "application/json; charset=utf-8");
    assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
  }

  /** A request whose body is declared as {@code type} ({@code null}: no Content-Type at all). */
  static Api.Response withType(UUID user, String method, String path, String body, String type) {
    var request =
        java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + server.port() + path))
            .method(method, java.net.http.HttpRequest.BodyPublishers.ofString(body))
            .header("Pgr-User-Id", user.toString());
    if (type != null) {
      request.header("Content-Type", type);
    }
    try {
      var response =
          java.net.http.HttpClient.newHttpClient()
              .send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      return new Api.Response(response.statusCode(), response.body(), response.headers());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static List<String> idsOf(Api.Response response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return idsOf(response.body());
  }

  static List<String> idsOf(String body) {
    return new JsonArray(body).stream().map(item -> ((JsonObject) item).getString("id")).toList();
  }

  static void assertError(Api.Response response, int status) {
    assertThat(response.status()).as(response.toString()).isEqualTo(status);
    assertThat(response.body()).as(response.toString()).startsWith("{");
    JsonObject error = response.json().getJsonObject("error");
    assertThat(error.getInteger("code")).isEqualTo(status);
    assertThat(error.getString("message")).isNotBlank();
  }
}
