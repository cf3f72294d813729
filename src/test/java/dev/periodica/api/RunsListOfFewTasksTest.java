package dev.periodica.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periodica.support.Api;
import dev.periodica.support.TestDatabase;
import dev.periodica.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The runs list, newest first, read task by task for a caller with few tasks and as before for a
 * caller with many: the same runs as ever, for every filter and page. A big user owns 10 tasks and
 * 20,000 runs; a small user owns 30 runs, all older, on a task of theirs, a task of theirs on a
 * system report and a task without a report; a sharer sees the small user's report through a share
 * and the big user's through a group; a busy user sees more tasks than the few read task by task.
 */
class RunsListOfFewTasksTest {
  private static final UUID BIG = UUID.randomUUID();
  private static final UUID SMALL = UUID.randomUUID();
  private static final UUID SHARER = UUID.randomUUID();
  private static final UUID BUSY = UUID.randomUUID();
  private static final UUID STRANGER = UUID.randomUUID();
  private static final int BIG_TASKS = 10;
  private static final int BUSY_TASKS = 101;
  private static final String AWAY = "a0000000-0000-4000-8000-0000000000c1";
  private static TestServer server;
  private static Api api;
  private static final List<UUID> bigTasks = new ArrayList<>();
  private static final List<UUID> smallTasks = new ArrayList<>();
  private static final List<UUID> busyTasks = new ArrayList<>();
  private static final UUID strangersSystemTask = UUID.randomUUID();

  @BeforeAll
  static void start() {
    server = TestServer.start(new JsonObject());
    api = server.api();
    UUID bigReport = UUID.randomUUID();
    UUID smallReport = UUID.randomUUID();
    UUID systemReport = UUID.randomUUID();
    UUID busyReport = UUID.randomUUID();
    UUID group = UUID.randomUUID();
    StringBuilder sql = new StringBuilder();
    sql.append("INSERT INTO users (id, created_at, updated_at) VALUES ");
    sql.append(
        List.of(BIG, SMALL, SHARER, BUSY, STRANGER).stream()
            .map(u -> "('" + u + "', now(), now())")
            .collect(Collectors.joining(", ")));
    sql.append(";\n");
    sql.append(
        """
        INSERT INTO reports (id, owner_id, name, is_system, created_at, updated_at) VALUES
          ('%s', '%s', 'big', false, now(), now()), ('%s', '%s', 'small', false, now(), now()),
          ('%s', '%s', 'system', true, now(), now()), ('%s', '%s', 'busy', false, now(), now());
        INSERT INTO groups (id, owner_id, name, created_at, updated_at)
          VALUES ('%s', '%s', 'readers', now(), now());
        INSERT INTO group_members (group_id, user_id) VALUES ('%s', '%s');
        INSERT INTO report_groups (report_id, group_id) VALUES ('%s', '%s');
        INSERT INTO report_users (report_id, user_id) VALUES ('%s', '%s');
        """
            .formatted(
                bigReport,
                BIG,
                smallReport,
                SMALL,
                systemReport,
                STRANGER,
                busyReport,
                BUSY,
                group,
                BIG,
                group,
                SHARER,
                bigReport,
                group,
                smallReport,
                SHARER));
    for (int i = 0; i < BIG_TASKS; i++) {
      bigTasks.add(task(sql, bigReport, BIG, "diagnostic.sleep"));
    }
    smallTasks.add(task(sql, smallReport, SMALL, "diagnostic.sleep"));
    smallTasks.add(task(sql, systemReport, SMALL, "diagnostic.sleep"));
    smallTasks.add(task(sql, null, SMALL, "http.request"));
    sql.append(taskRow(strangersSystemTask, systemReport, STRANGER, "diagnostic.sleep"));
    for (int i = 0; i < BUSY_TASKS; i++) {
      busyTasks.add(task(sql, busyReport, BUSY, "diagnostic.sleep"));
    }
    sql.append("ALTER TABLE runs DISABLE TRIGGER runs_events_inserted;\n");
    // oldest first: the small user's, the stranger's, the big user's, the busy user's
    sql.append(runs(smallTasks, 30, 0));
    sql.append(runs(List.of(strangersSystemTask), 10, 1000));
    sql.append(runs(bigTasks, 20_000, 2000));
    sql.append(runs(busyTasks, BUSY_TASKS * 3, 100_000));
    sql.append("ALTER TABLE runs ENABLE TRIGGER runs_events_inserted;\nANALYZE;\n");
    TestDatabase.execute(server.schema(), sql.toString());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static UUID task(StringBuilder sql, UUID report, UUID owner, String job) {
    UUID id = UUID.randomUUID();
    sql.append(taskRow(id, report, owner, job));
    return id;
  }

  private static String taskRow(UUID id, UUID report, UUID owner, String job) {
    return """
        INSERT INTO report_tasks (id, report_id, owner_id, interval, instance, job, params,
                                  enabled, created_at, updated_at)
          VALUES ('%s', %s, '%s', '@yearly', '%s', '%s', '{}', false, now(), now());
        """
        .formatted(id, report == null ? "NULL" : "'" + report + "'", owner, AWAY, job);
  }

  /**
   * {@code count} finished runs spread over {@code tasks} in turn, errors all in the second task
   * (as a broken task fails every time while the others never do), a few cancelled and manual.
   */
  private static String runs(List<UUID> tasks, int count, int second) {
    String array =
        tasks.stream().map(UUID::toString).collect(Collectors.joining(",", "'{", "}'::uuid[]"));
    return """
        INSERT INTO runs (task_id, report_id, status, trigger, scheduled_for, pinned_instance,
                          progress, started_at, ended_at, created_at, updated_at)
        SELECT t.id, t.report_id, s.status, CASE WHEN i %% 7 = 0 THEN 'manual' ELSE 'schedule' END,
               timestamptz 'epoch' + (%3$d + i) * interval '1 second', '%4$s', 100,
               timestamptz '2026-01-01' + (%3$d + i) * interval '1 minute',
               timestamptz '2026-01-01' + (%3$d + i) * interval '1 minute',
               timestamptz '2026-01-01' + (%3$d + i) * interval '1 minute', now()
        FROM generate_series(0, %2$d - 1) AS i
        JOIN report_tasks t ON t.id = (%1$s)[i %% cardinality(%1$s) + 1],
        LATERAL (SELECT CASE WHEN cardinality(%1$s) > 1 AND i %% cardinality(%1$s) = 1
                              AND i %% 5 = 1 THEN 'error'
                             WHEN i %% 97 = 3 THEN 'cancel' ELSE 'complete' END AS status) s;
        """
        .formatted(array, count, second, AWAY);
  }

  private static String uuids(List<UUID> ids) {
    return ids.stream().map(UUID::toString).collect(Collectors.joining(",", "'{", "}'::uuid[]"));
  }

  /** One request of the list and the ids it answered, with the reference's. */
  private static void assertSameAsReference(
      UUID viewer, List<UUID> visible, String query, String condition, int limit, int offset) {
    String path =
        Api.PREFIX + "/report_queue?limit=" + limit + "&offset=" + offset + "&count_up_to=100000";
    JsonObject page = api.get(viewer, path + query).json();
    List<Long> ids =
        page.getJsonArray("items").stream()
            .map(item -> ((JsonObject) item).getLong("id"))
            .collect(Collectors.toList());
    String where =
        " FROM runs r JOIN report_tasks t ON t.id = r.task_id WHERE r.task_id = ANY("
            + uuids(visible)
            + ") AND "
            + condition;
    String expected =
        TestDatabase.text(
            server.schema(),
            "SELECT coalesce(string_agg(id::text, ',' ORDER BY id DESC), '') FROM (SELECT r.id"
                + where
                + " ORDER BY r.id DESC LIMIT "
                + limit
                + " OFFSET "
                + offset
                + ") page");
    long total = TestDatabase.count(server.schema(), "SELECT count(*)" + where);
    String described = viewer + " " + query + " limit " + limit + " offset " + offset;
    assertThat(ids.stream().map(String::valueOf).collect(Collectors.joining(",")))
        .as(described)
        .isEqualTo(expected);
    assertThat(page.getLong("total")).as(described).isEqualTo(total);
  }

  @Test
  void the_newest_first_list_answers_the_runs_of_the_visible_tasks_for_every_filter_and_page() {
    UUID smallTask = smallTasks.get(0);
    UUID bigTask = bigTasks.get(1);
    String[][] filters = {
      {"", "true"},
      {"&status=error", "r.status = 'error'"},
      {"&status=error,complete,error", "r.status IN ('error', 'complete')"},
      {"&status=cancel", "r.status = 'cancel'"},
      {"&status=in_action", "r.status = 'in_action'"},
      {"&task_id=" + smallTask, "r.task_id = '" + smallTask + "'"},
      {
        "&task_id=" + bigTask + "&status=error",
        "r.task_id = '" + bigTask + "' AND r.status = 'error'"
      },
      {"&task_id=" + strangersSystemTask, "r.task_id = '" + strangersSystemTask + "'"},
      {"&trigger=manual", "r.trigger = 'manual'"},
      {"&job=http.request", "t.job = 'http.request'"},
      {"&report_id=" + UUID.randomUUID(), "false"},
      {
        "&created_from="
            + encode("2026-01-01T00:10:00Z")
            + "&created_to="
            + encode("2026-01-15T00:00:00Z"),
        "r.created_at >= '2026-01-01T00:10:00Z' AND r.created_at < '2026-01-15T00:00:00Z'"
      },
    };
    List<UUID> sharerSees = new ArrayList<>(bigTasks);
    sharerSees.add(smallTasks.get(0));
    Object[][] viewers = {
      {BIG, bigTasks},
      {SMALL, smallTasks},
      {SHARER, sharerSees},
      {BUSY, busyTasks},
      {STRANGER, List.of(strangersSystemTask, smallTasks.get(1))},
      {UUID.randomUUID(), List.of()}
    };
    int[][] pages = {{25, 0}, {1, 0}, {10, 7}, {100, 20}, {25, 290}, {25, 10_000}};
    for (Object[] viewer : viewers) {
      @SuppressWarnings("unchecked")
      List<UUID> visible = (List<UUID>) viewer[1];
      for (String[] filter : filters) {
        for (int[] page : pages) {
          assertSameAsReference((UUID) viewer[0], visible, filter[0], filter[1], page[0], page[1]);
        }
      }
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
