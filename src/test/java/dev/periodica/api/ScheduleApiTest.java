package dev.periodica.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periodica.support.Api;
import dev.periodica.support.Api.Response;
import dev.periodica.support.Fixtures;
import dev.periodica.support.TestDatabase;
import dev.periodica.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Task scheduling fields and schedule previews over HTTP. */
class ScheduleApiTest {
  private static TestServer server;
  private static Api api;
  private static Fixtures fixtures;
  private final UUID owner = UUID.randomUUID();

  @BeforeAll
  static void start() {
    server = TestServer.start();
    api = server.api();
    fixtures = new Fixtures(api);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void preview_answers_the_next_fire_times_in_the_zone_and_a_description() {
    Response response =
        api.post(
            owner,
            Api.PREFIX + "/schedules/preview",
            new JsonObject()
                .put("interval", "0 9 * * *")
                .put("timezone", "Europe/Moscow")
                .put("count", 3));

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    JsonObject body = response.json();
    assertThat(body.getJsonArray("next")).hasSize(3);
    for (Object time : body.getJsonArray("next")) {
      assertThat((String) time).endsWith("T06:00:00.000000Z");
    }
    assertThat(body.getString("description")).isNotBlank();
  }

  @Test
  void preview_of_a_bad_interval_or_zone_answers_400() {
    Response interval =
        api.post(
            owner,
            Api.PREFIX + "/schedules/preview",
            new JsonObject().put("interval", "every tuesday"));
    Response zone =
        api.post(
            owner,
            Api.PREFIX + "/schedules/preview",
            new JsonObject().put("interval", "@daily").put("timezone", "Mars/Olympus"));

    assertThat(interval.error()).isEqualTo("invalid interval format");
    assertThat(zone.error()).startsWith("timezone should be an IANA time zone");
  }

  @Test
  void a_task_keeps_its_policies_plans_its_next_run_and_previews_its_schedule() {
    String report = fixtures.report(owner, "planned");
    Response created =
        api.post(
            owner,
            Api.PREFIX + "/report_tasks/create",
            Fixtures.task(report)
                .put("interval", "@every 15m")
                .put("overlap", "allow")
                .put("misfire", "all")
                .put("max_attempts", 5)
                .put("timeout_seconds", 120)
                .put("start_at", "2020-01-01T00:00:00Z"));

    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    JsonObject task = created.json();
    assertThat(task.getString("overlap")).isEqualTo("allow");
    assertThat(task.getString("misfire")).isEqualTo("all");
    assertThat(task.getInteger("max_attempts")).isEqualTo(5);
    assertThat(task.getInteger("timeout_seconds")).isEqualTo(120);
    Instant next = Instant.parse(task.getString("next_run_at"));
    assertThat(next)
        .isAfter(Instant.now().minusSeconds(1))
        .isBefore(Instant.now().plusSeconds(901));

    JsonObject preview =
        api.get(owner, Api.PREFIX + "/report_tasks/" + task.getString("id") + "/schedule?count=2")
            .json();
    assertThat(preview.getJsonArray("next")).hasSize(2);
    assertThat(preview.getString("description")).startsWith("every 15 minutes");
  }

  @Test
  void bad_policies_answer_400_naming_the_field() {
    String report = fixtures.report(owner, "policies");
    String create = Api.PREFIX + "/report_tasks/create";

    assertThat(api.post(owner, create, Fixtures.task(report).put("overlap", "sometimes")).error())
        .isEqualTo("overlap should be skip or allow");
    assertThat(api.post(owner, create, Fixtures.task(report).put("max_attempts", 0)).error())
        .isEqualTo("max_attempts should be an integer from 1 to 100");
    assertThat(
            api.post(
                    owner,
                    create,
                    Fixtures.task(report)
                        .put("start_at", "2030-01-01T00:00:00Z")
                        .put("stop_at", "2029-01-01T00:00:00Z"))
                .error())
        .isEqualTo("start_at should be before stop_at");
    assertThat(api.post(owner, create, Fixtures.task(report).put("timezone", "Nowhere")).error())
        .startsWith("timezone should be");
  }

  @Test
  void out_of_range_times_never_firing_schedules_and_system_reports_are_refused() {
    String report = fixtures.report(owner, "refusals");
    String system =
        fixtures.report(
            TestServer.ADMIN, new JsonObject().put("name", "sys").put("is_system", true));
    String create = Api.PREFIX + "/report_tasks/create";

    Response ancient =
        api.post(owner, create, Fixtures.task(report).put("start_at", "-5000-01-01T00:00:00Z"));
    Response never = api.post(owner, create, Fixtures.task(report).put("interval", "0 0 30 2 *"));
    Response past =
        api.post(owner, create, Fixtures.task(report).put("interval", "@at 2020-01-01T00:00:00Z"));
    Response onSystem = api.post(owner, create, Fixtures.task(system));

    assertThat(ancient.status()).isEqualTo(400);
    assertThat(ancient.error()).startsWith("start_at should be a timestamp from 1970 to 9999");
    assertThat(never.error()).startsWith("the schedule has no fire time after now");
    assertThat(past.error()).startsWith("the schedule has no fire time after now");
    assertThat(onSystem.status()).isEqualTo(403);
    assertThat(onSystem.error()).isEqualTo("system reports cannot be changed");
  }

  @Test
  void patching_the_schedule_replans_the_task_and_other_changes_keep_its_next_run() {
    String report = fixtures.report(owner, "replanned");
    String path =
        Api.PREFIX
            + "/report_tasks/"
            + api.post(
                    owner,
                    Api.PREFIX + "/report_tasks/create",
                    Fixtures.task(report).put("interval", "@yearly"))
                .id();
    String yearly = api.get(owner, path).json().getString("next_run_at");

    String renamed =
        api.patch(owner, path, new JsonObject().put("params", new JsonObject().put("a", 1)))
            .json()
            .getString("next_run_at");
    Response hourly = api.patch(owner, path, new JsonObject().put("interval", "@hourly"));
    Response never = api.patch(owner, path, new JsonObject().put("interval", "0 0 30 2 *"));

    assertThat(renamed).isEqualTo(yearly);
    assertThat(Instant.parse(hourly.json().getString("next_run_at")))
        .isBefore(Instant.now().plusSeconds(3601));
    assertThat(never.status()).isEqualTo(400);
    assertThat(never.error()).startsWith("the schedule has no fire time after now");
    assertThat(api.get(owner, path).json().getString("interval")).isEqualTo("@hourly");
  }

  @Test
  void nearest_weekday_crons_on_days_29_to_31_skip_the_months_without_that_day() {
    String report = fixtures.report(owner, "month ends");
    Response preview =
        api.post(
            owner,
            Api.PREFIX + "/schedules/preview",
            new JsonObject().put("interval", "0 0 0 30W * ?").put("count", 24));
    Response created =
        api.post(
            owner,
            Api.PREFIX + "/report_tasks/create",
            Fixtures.task(report).put("interval", "0 0 0 31W * ?"));
    Response leapDay =
        api.post(
            owner,
            Api.PREFIX + "/report_tasks/create",
            Fixtures.task(report).put("interval", "0 0 0 29W 2 ?"));
    Response never =
        api.post(
            owner,
            Api.PREFIX + "/report_tasks/create",
            Fixtures.task(report).put("interval", "0 0 0 30W 2 ?"));

    assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
    assertThat(preview.json().getJsonArray("next")).hasSize(24);
    assertThat(preview.json().getJsonArray("next").stream().map(String.class::cast))
        .noneMatch(time -> time.substring(4, 8).equals("-02-"));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.json().getString("next_run_at")).isNotNull();
    assertThat(leapDay.status()).as(leapDay.toString()).isEqualTo(201);
    assertThat(leapDay.json().getString("next_run_at")).contains("-02-2");
    assertThat(never.status()).as(never.toString()).isEqualTo(400);
    assertThat(never.error()).startsWith("the schedule has no fire time after now");
  }

  @Test
  void one_shot_times_and_windows_at_the_ends_of_time_answer_400_and_write_nothing() {
    String report = fixtures.report(owner, "ends of time");
    String create = Api.PREFIX + "/report_tasks/create";
    String task = api.post(owner, create, Fixtures.task(report)).id();
    String before = tasks();
    List<String> extremes =
        List.of(
            "+999999999-12-31T23:59:59-18:00",
            "-999999999-01-01T00:00:00+18:00",
            "+999999999-12-31T23:59:59.999999999Z",
            "+10000-01-01T00:00:00Z",
            "9999-12-31T23:59:59-18:00");
    for (String time : extremes) {
      List<Response> answers =
          List.of(
              api.post(
                  owner,
                  Api.PREFIX + "/schedules/preview",
                  new JsonObject().put("interval", "@at " + time)),
              api.post(
                  owner,
                  Api.PREFIX + "/schedules/preview",
                  new JsonObject().put("interval", "@daily").put("start_at", time)),
              api.post(owner, create, Fixtures.task(report).put("interval", "@at " + time)),
              api.post(owner, create, Fixtures.task(report).put("start_at", time)),
              api.post(owner, create, Fixtures.task(report).put("stop_at", time)),
              api.patch(
                  owner,
                  Api.PREFIX + "/report_tasks/" + task,
                  new JsonObject().put("interval", "@at " + time)),
              api.patch(
                  owner,
                  Api.PREFIX + "/report_tasks/" + task,
                  new JsonObject().put("stop_at", time)));
      for (Response answer : answers) {
        assertThat(answer.status()).as(time + " " + answer).isEqualTo(400);
        assertThat(answer.json().getInteger("error_code")).isEqualTo(400);
        assertThat(answer.error()).as(time).matches("(@at|start_at|stop_at) should be .*9999.*");
      }
    }
    assertThat(tasks()).isEqualTo(before);
  }

  private static String tasks() {
    return TestDatabase.text(
        server.schema(),
        "SELECT count(*) || ' ' || coalesce(max(updated_at)::text, '') FROM report_tasks");
  }

  @Test
  void another_users_task_schedule_is_hidden() {
    String report = fixtures.report(owner, "hidden schedule");
    String task = api.post(owner, Api.PREFIX + "/report_tasks/create", Fixtures.task(report)).id();

    Response response =
        api.get(UUID.randomUUID(), Api.PREFIX + "/report_tasks/" + task + "/schedule");

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.error()).isEqualTo("task not found");
  }
}
