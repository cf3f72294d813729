package dev.periodica.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periodica.support.Api;
import dev.periodica.support.Api.Response;
import dev.periodica.support.Fixtures;
import dev.periodica.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Task calendars through the API: stored and shown, checked when saved, honoured by previews. */
class CalendarApiTest {
  private static final String TASKS = Api.PREFIX + "/report_tasks/";
  private static TestServer server;
  private static Api api;
  private final UUID owner = UUID.randomUUID();

  @BeforeAll
  static void start() {
    server =
        TestServer.start(
            new JsonObject()
                .put(
                    "WORK_CALENDAR",
                    "{\"periods\": [{\"days\": [\"TUE\", \"THU\"], \"from\": \"10:00\","
                        + " \"to\": \"12:00\"}]}"));
    api = server.api();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private JsonObject task(Object calendar) {
    String report = new Fixtures(api).report(owner, "with a calendar");
    return Fixtures.task(report)
        .put("interval", "0 * * * *")
        .put("timezone", "Asia/Tokyo")
        .put("calendar", calendar);
  }

  @Test
  void a_task_fires_only_within_its_calendar_in_its_zone_and_its_preview_says_so() {
    Response created = api.post(owner, TASKS + "create", task("work"));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.json().getString("calendar")).isEqualTo("work");

    JsonObject schedule = api.get(owner, TASKS + created.id() + "/schedule?count=10").json();
    JsonArray next = schedule.getJsonArray("next");
    assertThat(next).hasSize(10);
    for (Object time : next) {
      ZonedDateTime local = Instant.parse((String) time).atZone(ZoneId.of("Asia/Tokyo"));
      assertThat(local.getDayOfWeek()).isIn(DayOfWeek.TUESDAY, DayOfWeek.THURSDAY);
      assertThat(local.getHour()).isBetween(10, 11);
    }
    assertThat(schedule.getString("description")).contains("during working hours");
    JsonObject stored = api.get(owner, TASKS + created.id()).json();
    Instant nextRun = Instant.parse(stored.getString("next_run_at"));
    assertThat(nextRun).isEqualTo(Instant.parse(next.getString(0)));

    JsonObject preview =
        api.post(
                owner,
                Api.PREFIX + "/schedules/preview",
                new JsonObject()
                    .put("interval", "0 * * * *")
                    .put("timezone", "Asia/Tokyo")
                    .put("calendar", "work")
                    .put("count", 10))
            .json();
    assertThat(preview.getJsonArray("next")).isEqualTo(next);
  }

  @Test
  void an_object_calendar_is_stored_and_a_patch_to_all_lifts_it() {
    JsonObject nights =
        new JsonObject()
            .put(
                "periods",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("days", "MON-FRI")
                            .put("from", "22:00")
                            .put("to", "06:00")))
            .put("exclude_dates", new JsonArray().add("2026-12-31"));
    Response created = api.post(owner, TASKS + "create", task(nights));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(api.get(owner, TASKS + created.id()).json().getJsonObject("calendar"))
        .isEqualTo(nights);

    Response lifted =
        api.patch(owner, TASKS + created.id(), new JsonObject().put("calendar", "all"));
    assertThat(lifted.status()).as(lifted.toString()).isEqualTo(200);
    JsonArray next =
        api.get(owner, TASKS + created.id() + "/schedule?count=24").json().getJsonArray("next");
    assertThat(next).hasSize(24);
  }

  @Test
  void bad_calendars_answer_400_naming_the_field_and_store_nothing() {
    long before = server.count("report_tasks");
    assertThat(api.post(owner, TASKS + "create", task("weekends")).error())
        .isEqualTo(
            "calendar should be \"work\", \"nowork\", \"all\" or an object with periods and"
                + " exclude_dates");
    JsonObject badTime =
        new JsonObject()
            .put(
                "periods",
                new JsonArray()
                    .add(new JsonObject().put("days", "MON").put("from", "9").put("to", "18:00")));
    Response time = api.post(owner, TASKS + "create", task(badTime));
    assertThat(time.status()).isEqualTo(400);
    assertThat(time.error())
        .isEqualTo("calendar.periods[0].from should be a local time such as 09:00");
    JsonObject badDay =
        new JsonObject()
            .put(
                "periods",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("days", "MOON")
                            .put("from", "09:00")
                            .put("to", "18:00")));
    assertThat(api.post(owner, TASKS + "create", task(badDay)).error())
        .startsWith("calendar.periods[0].days should be days of the week");
    JsonObject badDate =
        new JsonObject()
            .put(
                "periods",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("days", "MON")
                            .put("from", "09:00")
                            .put("to", "18:00")))
            .put("exclude_dates", new JsonArray().add("31.12.2026"));
    assertThat(api.post(owner, TASKS + "create", task(badDate)).error())
        .isEqualTo("calendar.exclude_dates[0] should be a date such as 2026-12-31");
    assertThat(api.post(owner, TASKS + "create", task(42)).status()).isEqualTo(400);
    Response preview =
        api.post(
            owner,
            Api.PREFIX + "/schedules/preview",
            new JsonObject().put("interval", "@daily").put("calendar", "holidays"));
    assertThat(preview.status()).isEqualTo(400);
    assertThat(server.count("report_tasks")).isEqualTo(before);
  }

  @Test
  void a_calendar_that_leaves_no_fire_time_is_refused() {
    JsonObject sundays =
        new JsonObject()
            .put(
                "periods",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("days", "SUN")
                            .put("from", "09:00")
                            .put("to", "10:00")));
    Response response =
        api.post(owner, TASKS + "create", task(sundays).put("interval", "0 9 * * MON-FRI"));
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.error()).startsWith("the schedule has no fire time after now");
  }
}
