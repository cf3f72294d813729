package dev.periodica.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;

/** Builders of test objects through the API, each asserting it was created. */
public final class Fixtures {
  public static final String INSTANCE = "868cf2e9-bd6d-4bac-96ba-2b08120d8cf9";
  private final Api api;

  public Fixtures(Api api) {
    this.api = api;
  }

  public String report(UUID owner, String name) {
    return report(owner, new JsonObject().put("name", name));
  }

  public String report(UUID owner, JsonObject body) {
    return created(api.post(owner, Api.PREFIX + "/reports/create", body));
  }

  public String group(UUID owner, String name, List<UUID> members) {
    JsonArray ids = new JsonArray();
    members.forEach(id -> ids.add(id.toString()));
    return created(
        api.post(
            owner,
            Api.PREFIX + "/groups/create",
            new JsonObject().put("name", name).put("user_ids", ids)));
  }

  public String dashboard(UUID owner, String name) {
    return created(
        api.post(owner, Api.PREFIX + "/dashboards/create", new JsonObject().put("name", name)));
  }

  public String category(UUID owner, String name) {
    return created(
        api.post(owner, Api.PREFIX + "/categories/create", new JsonObject().put("name", name)));
  }

  public static JsonObject task(String reportId) {
    return new JsonObject()
        .put("interval", "* 0 1 1 1")
        .put("instance", INSTANCE)
        .put("report_id", reportId);
  }

  private static String created(Api.Response response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    return response.id();
  }
}
