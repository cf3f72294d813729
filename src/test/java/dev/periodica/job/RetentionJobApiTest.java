package dev.periodica.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periodica.support.Api;
import dev.periodica.support.Api.Response;
import dev.periodica.support.Fixtures;
import dev.periodica.support.Runs;
import dev.periodica.support.TestDatabase;
import dev.periodica.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code maintenance.retention}: the retention chore as a task administrators schedule. */
class RetentionJobApiTest {
  private static final String CREATE = Api.PREFIX + "/report_tasks/create";
  private static TestServer server;
  private static Api api;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    api = server.api();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static JsonObject retention(JsonObject params) {
    return new JsonObject()
        .put("interval", "@daily")
        .put("instance", "00000000-0000-0000-0000-000000000000")
        .put("job", "maintenance.retention")
        .put("params", params);
  }

  @Test
  void a_retention_run_deletes_finished_runs_past_its_days_and_beyond_its_count_per_task()
      throws Exception {
    UUID owner = UUID.randomUUID();
    String report = new Fixtures(api).report(owner, "retained");
    String task = api.post(owner, CREATE, Fixtures.task(report)).id();
    // 3 recent finished runs, 2 finished 400 days ago, 1 waiting for a retry since 402 days ago
    // (its retry far ahead, so this server's worker leaves it waiting)
    TestDatabase.execute(
        server.schema(),
        """
        INSERT INTO runs (task_id, report_id, status, scheduled_for, pinned_instance,
                          created_at, updated_at, not_before, ended_at)
        SELECT '%1$s', '%2$s', s.status, now() - s.age, '00000000-0000-0000-0000-000000000000',
               now() - s.age, now() - s.age, '2999-01-01',
               CASE WHEN s.status <> 'need_restart' THEN now() - s.age END
        FROM (VALUES ('complete', interval '1 hour'), ('error', interval '2 hours'),
                     ('complete', interval '3 hours'), ('complete', interval '400 days'),
                     ('cancel', interval '401 days'), ('need_restart', interval '402 days'))
             AS s (status, age)
        """
            .formatted(task, report));
    Response created =
        api.post(
            TestServer.ADMIN,
            CREATE,
            retention(new JsonObject().put("days", 365).put("per_task", 2)));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.json().getValue("report_id")).isNull();

    long id =
        api.post(TestServer.ADMIN, Api.PREFIX + "/report_tasks/" + created.id() + "/run", null)
            .json()
            .getLong("id");
    JsonObject run = Runs.awaitFinished(api, TestServer.ADMIN, id);

    assertThat(run.getString("status")).as(run.encode()).isEqualTo("complete");
    assertThat(run.getJsonObject("result"))
        .isEqualTo(new JsonObject().put("deleted", 3).put("days", 365).put("per_task", 2));
    assertThat(
            TestDatabase.text(
                server.schema(),
                "SELECT string_agg(status, ',' ORDER BY created_at) FROM runs WHERE task_id = '"
                    + task
                    + "'"))
        .isEqualTo("need_restart,error,complete");
  }

  @Test
  void only_administrators_schedule_retention_and_its_params_are_checked() {
    UUID user = UUID.randomUUID();
    long before = server.count("report_tasks");

    Response notAdmin = api.post(user, CREATE, retention(new JsonObject()));
    Response zeroDays =
        api.post(TestServer.ADMIN, CREATE, retention(new JsonObject().put("days", 0)));
    Response misspelt =
        api.post(TestServer.ADMIN, CREATE, retention(new JsonObject().put("keep", 3)));

    assertThat(notAdmin.status()).isEqualTo(403);
    assertThat(notAdmin.error())
        .isEqualTo("only administrators may schedule the job maintenance.retention");
    assertThat(zeroDays.status()).isEqualTo(400);
    assertThat(zeroDays.error()).isEqualTo("params.days must be an integer from 1 to 36500");
    assertThat(misspelt.status()).isEqualTo(400);
    assertThat(misspelt.error())
        .isEqualTo(
            "params.keep is not a parameter of maintenance.retention (known: days, per_task)");
    assertThat(server.count("report_tasks")).isEqualTo(before);
  }

  /**
   * On a report, a task is seen, run and rescheduled by everyone the report is shared with: an
   * administrators-only job there would be run by users who may not schedule it.
   */
  @Test
  void retention_takes_no_report_so_no_one_the_report_is_shared_with_runs_or_reschedules_it() {
    UUID owner = UUID.randomUUID();
    String report =
        new Fixtures(api)
            .report(
                owner,
                new JsonObject()
                    .put("name", "shared with an administrator")
                    .put(
                        "user_ids",
                        new io.vertx.core.json.JsonArray().add(TestServer.ADMIN.toString())));
    long before = server.count("report_tasks");

    Response onReport =
        api.post(TestServer.ADMIN, CREATE, retention(new JsonObject()).put("report_id", report));
    String mine = api.post(TestServer.ADMIN, CREATE, Fixtures.task(report)).id();
    Response turned =
        api.patch(
            TestServer.ADMIN,
            Api.PREFIX + "/report_tasks/" + mine,
            new JsonObject().put("job", "maintenance.retention").put("params", new JsonObject()));

    assertThat(onReport.status()).as(onReport.toString()).isEqualTo(400);
    assertThat(onReport.error())
        .isEqualTo(
            "the job maintenance.retention takes no report_id: its tasks are seen and run by"
                + " their owner alone");
    assertThat(turned.status()).isEqualTo(400);
    assertThat(turned.error()).isEqualTo(onReport.error());
    assertThat(server.count("report_tasks")).isEqualTo(before + 1);
    assertThat(api.get(owner, Api.PREFIX + "/report_tasks/" + mine).json().getString("job"))
        .isEqualTo("report.generate");
  }
}
