package dev.periodica.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periodica.support.Api;
import dev.periodica.support.Api.Response;
import dev.periodica.support.Fixtures;
import dev.periodica.support.GatewayProxy;
import dev.periodica.support.HeadlessChromium;
import dev.periodica.support.Runs;
import dev.periodica.support.TestDatabase;
import dev.periodica.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser (Debian's headless Chromium through its chromedriver; nothing is
 * downloaded) against a real server and PostgreSQL. One browser for the class.
 */
class ConsoleBrowserTest {
  private static final String P = Api.PREFIX;
  private static TestServer server;
  private static Api api;
  private static Fixtures fixtures;
  private static ChromeDriver browser;
  private static Path downloads;

  /** The browser's time zone: not UTC, so a time shown in the browser's zone differs from UTC. */
  private static final String BROWSER_ZONE = "Asia/Tokyo";

  private static String datasets;

  @BeforeAll
  static void start() throws Exception {
    String schema = TestServer.newSchema();
    datasets = schema + "_ds";
    server =
        TestServer.start(
            new JsonObject()
                .put("DB_SCHEMA", schema)
                .put("DATASETS_SCHEMA", datasets)
                .put("DIAGNOSTIC_JOBS", true)
                .put("SCHEDULER_TICK_MS", 100)
                .put("WORKER_POLL_MS", 100)
                .put("RETRY_BASE_SECONDS", 1)
                .put("CONSOLE_DEV_IDENTITY", "true"));
    TestDatabase.execute(
        schema,
        "CREATE SCHEMA IF NOT EXISTS "
            + datasets
            + "; CREATE TABLE "
            + datasets
            + ".sales (time timestamptz, region text, amount numeric)");
    api = server.api();
    fixtures = new Fixtures(api);
    downloads = Files.createTempDirectory("periodica-downloads");
    browser = HeadlessChromium.start(BROWSER_ZONE, downloads);
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.quit();
    }
    TestDatabase.execute(server.schema(), "DROP SCHEMA IF EXISTS " + datasets + " CASCADE");
    server.close();
  }

  private static String base() {
    return "http://127.0.0.1:" + server.port();
  }

  /** Opens the console as {@code user} (the development identity picker's choice). */
  private static void openAs(UUID user, String hash) {
    browser.get(base() + "/console/settings.json");
    browser.executeScript("localStorage.setItem('periodica.user', arguments[0])", user.toString());
    browser.get(base() + "/#/" + hash);
    awaitPage(hash.split("[/?]")[0]);
  }

  /**
   * Waits for {@code page} to be shown with its live socket open: a run page is read again once the
   * socket opens, so a page read before that may be replaced under the test.
   */
  private static void awaitPage(String page) {
    awaitPage(page, true);
  }

  private static void awaitPage(String page, boolean live) {
    new WebDriverWait(browser, Duration.ofSeconds(15))
        .until(
            d ->
                page.equals(d.findElement(By.tagName("body")).getDomAttribute("data-page"))
                    && (!live
                        || "open"
                            .equals(d.findElement(By.tagName("body")).getDomAttribute("data-live")))
                    && d.findElement(By.id("main")).getDomAttribute("aria-busy") == null);
  }

  private static WebDriverWait await(int seconds) {
    return new WebDriverWait(browser, Duration.ofSeconds(seconds));
  }

  private static String report(UUID owner) {
    return fixtures.report(
        owner,
        new JsonObject()
            .put("name", "weekly " + owner.toString().substring(0, 6))
            .put("config", new JsonObject().put("pages", new JsonArray().add(new JsonArray()))));
  }

  private static String task(UUID owner, JsonObject extra) {
    Response created =
        api.post(
            owner,
            P + "/report_tasks/create",
            Fixtures.task(report(owner))
                .put("instance", "00000000-0000-0000-0000-000000000000")
                .put("name", "task " + UUID.randomUUID().toString().substring(0, 8))
                .mergeIn(extra));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.id();
  }

  private static List<String> severeLogs() {
    List<String> severe = new ArrayList<>();
    for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
      if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
        severe.add(entry.getMessage());
      }
    }
    return severe;
  }

  @Test
  void every_page_loads_without_console_errors_and_the_overview_and_runs_are_captured()
      throws Exception {
    UUID user = UUID.randomUUID();
    String task =
        task(
            user,
            new JsonObject()
                .put("job", "diagnostic.sleep")
                .put("params", new JsonObject().put("ms", 0)));
    long run = api.post(user, P + "/report_tasks/" + task + "/run", null).json().getLong("id");
    Runs.awaitEnded(api, user, run);
    severeLogs();
    for (String page :
        List.of("overview", "runs", "run/" + run, "tasks", "task/" + task, "reports", "datasets")) {
      openAs(user, page);
      assertThat(browser.findElements(By.cssSelector("#main h1"))).as(page).isNotEmpty();
      assertThat(browser.findElement(By.id("main")).getText()).as(page).doesNotStartWith("Error");
      assertThat(severeLogs()).as("console errors on " + page).isEmpty();
    }
    assertThat(browser.findElement(By.id("identity")).getText()).contains("Development mode");

    openAs(user, "overview");
    await(10).until(d -> !d.findElements(By.cssSelector("#chart .uplot")).isEmpty());
    assertThat(browser.findElement(By.cssSelector(".card[data-status=complete] .n")).getText())
        .isEqualTo("1");
    capture("console-overview.png");
    openAs(user, "runs");
    assertThat(browser.findElements(By.id("run-" + run))).hasSize(1);
    capture("console-runs.png");
  }

  private static void capture(String name) throws Exception {
    Path docs = Path.of("docs");
    Files.createDirectories(docs);
    File shot = browser.getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), docs.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  void a_run_started_from_the_console_shows_its_bar_move_to_100_without_a_reload() {
    UUID user = UUID.randomUUID();
    String task =
        task(
            user,
            new JsonObject()
                .put("job", "diagnostic.sleep")
                .put("params", new JsonObject().put("ms", 4000).put("steps", 8)));
    openAs(user, "tasks");
    browser.executeScript("window.notReloaded = true");
    browser.findElement(By.cssSelector("#task-" + task + " [data-act=run]")).click();
    awaitPage("runs");
    await(10).until(d -> !d.findElements(By.cssSelector("#runs-body tr[id^=run-]")).isEmpty());
    WebElement bar = browser.findElement(By.cssSelector("#runs-body tr[id^=run-] progress"));
    List<Integer> seen = new ArrayList<>();
    await(30)
        .pollingEvery(Duration.ofMillis(50))
        .until(
            d -> {
              int value = Integer.parseInt(bar.getDomProperty("value"));
              if (seen.isEmpty() || seen.get(seen.size() - 1) != value) {
                seen.add(value);
              }
              return value == 100;
            });
    assertThat(seen.get(0)).isLessThan(100);
    assertThat(seen).as("progress seen").anyMatch(v -> v > 0 && v < 100).contains(100);
    assertThat(browser.findElement(By.cssSelector("#runs-body tr[id^=run-] .status")).getText())
        .isEqualTo("complete");
    assertThat(browser.executeScript("return window.notReloaded")).isEqualTo(true);
    assertThat(browser.findElement(By.tagName("body")).getDomAttribute("data-live"))
        .isEqualTo("open");
  }

  @Test
  void cancel_and_retry_from_the_console() {
    UUID user = UUID.randomUUID();
    String task =
        task(
            user,
            new JsonObject()
                .put("instance", Fixtures.INSTANCE)
                .put("job", "diagnostic.sleep")
                .put("params", new JsonObject()));
    long run = api.post(user, P + "/report_tasks/" + task + "/run", null).json().getLong("id");
    openAs(user, "runs?task_id=" + task);
    browser.findElement(By.cssSelector("#run-" + run + " [data-act=cancel]")).click();
    await(10)
        .until(
            d ->
                "cancel"
                    .equals(api.get(user, P + "/report_queue/" + run).json().getString("status")));
    await(10)
        .until(
            d ->
                d.findElements(
                            By.cssSelector("#run-" + run + "[data-status=cancel] [data-act=retry]"))
                        .size()
                    == 1);
    browser.findElement(By.cssSelector("#run-" + run + " [data-act=retry]")).click();
    await(10).until(d -> d.findElement(By.id("banners")).getText().contains("retried as run"));
    JsonObject runs = api.get(user, P + "/report_queue?task_id=" + task).json();
    assertThat(runs.getLong("total")).isEqualTo(2);
    long retry = runs.getJsonArray("items").getJsonObject(0).getLong("id");
    await(10).until(d -> d.findElements(By.id("run-" + retry)).size() == 1);
    assertThat(browser.findElement(By.id("banners")).getText())
        .isEqualTo("Run " + run + " retried as run " + retry + ".");
  }

  @Test
  void the_schedule_editor_shows_next_fire_times_and_the_apis_refusal() {
    UUID user = UUID.randomUUID();
    openAs(user, "task/new");
    WebElement interval = browser.findElement(By.id("interval"));
    interval.clear();
    interval.sendKeys("*/5 * * * *");
    String description =
        api.post(
                user,
                P + "/schedules/preview",
                new JsonObject().put("interval", "*/5 * * * *").put("timezone", "UTC"))
            .json()
            .getString("description");
    await(10)
        .until(
            d ->
                d.findElement(By.id("preview")).getText().startsWith(description)
                    && d.findElements(By.cssSelector("#next-fires li")).size() == 5);
    interval.clear();
    interval.sendKeys("61 * * * *");
    await(10).until(d -> !d.findElements(By.id("preview-error")).isEmpty());
    String refusal =
        api.post(
                user,
                P + "/schedules/preview",
                new JsonObject().put("interval", "61 * * * *").put("timezone", "UTC"))
            .error();
    assertThat(browser.findElement(By.id("preview-error")).getText()).isEqualTo(refusal);
  }

  @Test
  void a_download_from_the_run_page_saves_the_runs_file() throws Exception {
    UUID user = UUID.randomUUID();
    String task = task(user, new JsonObject().put("params", new JsonObject().put("format", "csv")));
    long run = api.post(user, P + "/report_tasks/" + task + "/run", null).json().getLong("id");
    JsonObject done = Runs.awaitEnded(api, user, run);
    assertThat(done.getString("status")).as(done.encode()).isEqualTo("complete");
    String name = done.getJsonObject("file").getString("name");
    openAs(user, "run/" + run);
    browser.findElement(By.cssSelector("#detail-actions [data-act=download]")).click();
    Path file = downloads.resolve(name);
    await(15)
        .until(
            d ->
                Files.exists(file)
                    && file.toFile().length() == done.getJsonObject("file").getLong("size"));
    assertThat(browser.findElement(By.id("banners")).getText()).contains("Downloaded " + name);
  }

  @Test
  void a_second_user_sees_none_of_the_first_users_tasks_or_runs() {
    UUID first = UUID.randomUUID();
    String task =
        task(
            first,
            new JsonObject()
                .put("instance", Fixtures.INSTANCE)
                .put("job", "diagnostic.sleep")
                .put("params", new JsonObject()));
    long run = api.post(first, P + "/report_tasks/" + task + "/run", null).json().getLong("id");
    openAs(first, "tasks");
    assertThat(browser.findElements(By.id("task-" + task))).hasSize(1);
    UUID second = UUID.randomUUID();
    openAs(second, "tasks");
    assertThat(browser.findElements(By.cssSelector("tr[data-task]"))).isEmpty();
    openAs(second, "runs");
    assertThat(browser.findElements(By.cssSelector("#runs-body tr[id^=run-]"))).isEmpty();
    assertThat(browser.findElement(By.id("main")).getText()).doesNotContain(task);
    openAs(second, "run/" + run);
    assertThat(browser.findElement(By.id("main")).getText()).contains("run not found");
  }

  @Test
  void read_only_mode_hides_actions_and_the_server_refuses_them() throws Exception {
    UUID user = UUID.randomUUID();
    try (TestServer readOnly =
        TestServer.start(
            new JsonObject()
                .put("CONSOLE_READ_ONLY", "true")
                .put("CONSOLE_DEV_IDENTITY", "true"))) {
      Api ro = readOnly.api();
      String report = new Fixtures(server.api()).report(user, "x");
      assertThat(report).isNotNull();
      browser.get("http://127.0.0.1:" + readOnly.port() + "/console/settings.json");
      browser.executeScript(
          "localStorage.setItem('periodica.user', arguments[0])", user.toString());
      for (String page : List.of("runs", "tasks", "reports")) {
        browser.get("http://127.0.0.1:" + readOnly.port() + "/#/" + page);
        awaitPage(page);
        assertThat(browser.findElements(By.cssSelector("button[data-act]"))).as(page).isEmpty();
        assertThat(browser.findElements(By.cssSelector("input.pick"))).as(page).isEmpty();
      }
      assertThat(browser.findElement(By.id("banners")).getText()).contains("Read-only mode");
      Object status =
          browser.executeAsyncScript(
              "const done = arguments[arguments.length - 1];"
                  + "fetch('/cruddy/v2/reports/create', {method: 'POST', headers: {'Pgr-User-Id': arguments[0],"
                  + " 'Content-Type': 'application/json'}, body: '{\"name\":\"r\"}'}).then(r => done(r.status));",
              user.toString());
      assertThat(((Number) status).intValue()).isEqualTo(403);
      assertThat(ro.get(user, P + "/reports").status()).isEqualTo(200);
    }
  }

  private static List<String> taskRows() {
    return browser.findElements(By.cssSelector("tr[data-task]")).stream()
        .map(r -> r.getDomAttribute("data-task"))
        .toList();
  }

  private static void submitTaskSearch(String name, String job, String enabled) {
    WebElement field = browser.findElement(By.id("task-name"));
    field.clear();
    field.sendKeys(name);
    new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("task-job")))
        .selectByValue(job);
    new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("task-enabled")))
        .selectByValue(enabled);
    String before = browser.getCurrentUrl();
    browser.findElement(By.id("task-search")).click();
    await(10).until(d -> !d.getCurrentUrl().equals(before));
    awaitPage("tasks");
  }

  @Test
  void tasks_are_searched_by_name_job_kind_and_enabled_on_the_server() {
    UUID user = UUID.randomUUID();
    String sales = task(user, new JsonObject().put("name", "Sales daily"));
    String sleeper =
        task(
            user,
            new JsonObject()
                .put("name", "sales sleeper")
                .put("job", "diagnostic.sleep")
                .put("params", new JsonObject())
                .put("enabled", false));
    String other = task(user, new JsonObject().put("name", "Other"));
    openAs(user, "tasks");
    assertThat(taskRows()).containsExactlyInAnyOrder(sales, sleeper, other);

    submitTaskSearch("SALES", "", "");
    assertThat(browser.getCurrentUrl()).contains("name=SALES");
    assertThat(taskRows()).containsExactlyInAnyOrder(sales, sleeper);
    assertThat(browser.findElement(By.cssSelector(".pager span")).getText()).isEqualTo("1–2 of 2");

    submitTaskSearch("sales", "diagnostic.sleep", "");
    assertThat(taskRows()).containsExactly(sleeper);
    submitTaskSearch("", "", "true");
    assertThat(taskRows()).containsExactlyInAnyOrder(sales, other);
    submitTaskSearch("", "report.generate", "false");
    assertThat(taskRows()).isEmpty();
    assertThat(browser.findElement(By.cssSelector(".pager span")).getText()).isEqualTo("0–0 of 0");
    assertThat(severeLogs())
        .as("the JSON page opened first has no icon")
        .allMatch(m -> m.contains("/favicon.ico"));
  }

  /** Answers the pause dialog with {@code reason}. */
  private static void pauseWith(String reason) {
    await(5).until(d -> d.findElement(By.id("pause-reason")).isDisplayed());
    browser.findElement(By.id("pause-reason")).sendKeys(reason);
    browser.findElement(By.id("pause-ok")).click();
  }

  @Test
  void a_task_paused_with_a_reason_shows_it_to_another_user_who_sees_the_task() {
    UUID owner = UUID.randomUUID();
    UUID colleague = UUID.randomUUID();
    String report =
        fixtures.report(
            owner,
            new JsonObject()
                .put("name", "shared")
                .put("user_ids", new JsonArray().add(colleague.toString())));
    Response created =
        api.post(
            owner,
            P + "/report_tasks/create",
            Fixtures.task(report)
                .put("instance", "00000000-0000-0000-0000-000000000000")
                .put("name", "shared task"));
    String task = created.id();
    openAs(owner, "tasks");
    browser.findElement(By.cssSelector("#task-" + task + " [data-act=pause]")).click();
    pauseWith("warehouse migration until Monday");
    await(10)
        .until(
            d ->
                d.findElements(By.cssSelector("#task-" + task + " [data-act=resume]")).size() == 1);
    JsonObject seen = api.get(owner, P + "/report_tasks/" + task).json();
    assertThat(seen.getBoolean("enabled")).isFalse();
    assertThat(seen.getString("paused_reason")).isEqualTo("warehouse migration until Monday");
    assertThat(seen.getString("paused_by")).isEqualTo(owner.toString());

    openAs(colleague, "tasks");
    String row = browser.findElement(By.id("task-" + task)).getText();
    assertThat(row).contains("paused: warehouse migration until Monday").contains("by " + owner);
  }

  @Test
  void a_task_is_edited_and_saved_through_the_schedule_editor() {
    UUID user = UUID.randomUUID();
    String task = task(user, new JsonObject().put("timezone", "UTC"));
    openAs(user, "task/" + task);
    WebElement name = browser.findElement(By.name("name"));
    name.clear();
    name.sendKeys("edited in the console");
    WebElement interval = browser.findElement(By.id("interval"));
    interval.clear();
    interval.sendKeys("30 6 * * 1");
    String description =
        api.post(
                user,
                P + "/schedules/preview",
                new JsonObject().put("interval", "30 6 * * 1").put("timezone", "UTC"))
            .json()
            .getString("description");
    await(10).until(d -> d.findElement(By.id("preview")).getText().startsWith(description));
    browser.findElement(By.id("save")).click();
    awaitPage("tasks");
    JsonObject saved = api.get(user, P + "/report_tasks/" + task).json();
    assertThat(saved.getString("name")).isEqualTo("edited in the console");
    assertThat(saved.getString("interval")).isEqualTo("30 6 * * 1");
    assertThat(browser.findElement(By.id("task-" + task)).getText())
        .contains("edited in the console")
        .contains("30 6 * * 1");

    openAs(user, "task/" + task);
    interval = browser.findElement(By.id("interval"));
    interval.clear();
    interval.sendKeys("99 * * * *");
    browser.findElement(By.id("save")).click();
    await(10).until(d -> !d.findElement(By.id("form-error")).getText().isEmpty());
    assertThat(api.get(user, P + "/report_tasks/" + task).json().getString("interval"))
        .isEqualTo("30 6 * * 1");
  }

  @Test
  void tasks_are_paused_and_resumed_in_bulk() {
    UUID user = UUID.randomUUID();
    String first = task(user, new JsonObject());
    String second = task(user, new JsonObject());
    String untouched = task(user, new JsonObject());
    openAs(user, "tasks");
    pick("task", first, second);
    browser.findElement(By.cssSelector("[data-act=bulk-pause]")).click();
    pauseWith("quarter close");
    await(10).until(d -> d.findElements(By.cssSelector("[data-act=resume]")).size() == 2);
    for (String t : List.of(first, second)) {
      JsonObject seen = api.get(user, P + "/report_tasks/" + t).json();
      assertThat(seen.getBoolean("enabled")).as(t).isFalse();
      assertThat(seen.getString("paused_reason")).isEqualTo("quarter close");
    }
    assertThat(api.get(user, P + "/report_tasks/" + untouched).json().getBoolean("enabled"))
        .isTrue();
    pick("task", first, second);
    browser.findElement(By.cssSelector("[data-act=bulk-resume]")).click();
    await(10).until(d -> d.findElements(By.cssSelector("[data-act=resume]")).isEmpty());
    for (String t : List.of(first, second)) {
      JsonObject seen = api.get(user, P + "/report_tasks/" + t).json();
      assertThat(seen.getBoolean("enabled")).as(t).isTrue();
      assertThat(seen.getValue("paused_reason")).isNull();
    }
  }

  private static void pick(String kind, Object... ids) {
    for (Object id : ids) {
      browser.findElement(By.cssSelector("#" + kind + "-" + id + " input.pick")).click();
    }
  }

  @Test
  void selected_runs_are_cancelled_and_retried_in_bulk() {
    UUID user = UUID.randomUUID();
    String task =
        task(
            user,
            new JsonObject()
                .put("instance", Fixtures.INSTANCE)
                .put("job", "diagnostic.sleep")
                .put("params", new JsonObject()));
    List<Long> runs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      runs.add(api.post(user, P + "/report_tasks/" + task + "/run", null).json().getLong("id"));
    }
    openAs(user, "runs?task_id=" + task);
    pick("run", runs.get(0), runs.get(1));
    browser.findElement(By.cssSelector("[data-act=bulk-cancel]")).click();
    await(10)
        .until(d -> d.findElement(By.id("banners")).getText().startsWith("2 run(s) cancelled"));
    awaitPage("runs");
    await(10)
        .until(
            d -> d.findElements(By.cssSelector("#runs-body tr[data-status=cancel]")).size() == 2);
    assertThat(status(user, runs.get(0))).isEqualTo("cancel");
    assertThat(status(user, runs.get(1))).isEqualTo("cancel");
    assertThat(status(user, runs.get(2))).isEqualTo("new");

    pick("run", runs.get(0), runs.get(1));
    browser.findElement(By.cssSelector("[data-act=bulk-retry]")).click();
    await(10).until(d -> d.findElement(By.id("banners")).getText().startsWith("2 run(s) retried"));
    JsonObject page = api.get(user, P + "/report_queue?task_id=" + task + "&limit=10").json();
    assertThat(page.getLong("total")).isEqualTo(5);
    List<String> statuses =
        page.getJsonArray("items").stream().map(r -> ((JsonObject) r).getString("status")).toList();
    assertThat(statuses).containsExactlyInAnyOrder("new", "new", "new", "cancel", "cancel");
    await(10).until(d -> d.findElements(By.cssSelector("#runs-body tr[id^=run-]")).size() == 5);
  }

  private static String status(UUID user, long run) {
    return api.get(user, P + "/report_queue/" + run).json().getString("status");
  }

  @Test
  void a_report_generated_now_from_the_console_shows_its_result() throws Exception {
    UUID user = UUID.randomUUID();
    String report = report(user);
    openAs(user, "reports");
    browser.findElement(By.cssSelector("[data-act=generate][data-id='" + report + "']")).click();
    awaitPage("run");
    String banner = browser.findElement(By.id("banners")).getText();
    assertThat(banner).startsWith("Generating: run ");
    long run = Long.parseLong(banner.replaceAll("\\D", ""));
    await(30)
        .until(
            d ->
                "complete".equals(d.findElement(By.id("detail-status")).getText())
                    && d.findElement(By.tagName("body")).getDomAttribute("data-page").equals("run")
                    && d.findElement(By.id("main")).getDomAttribute("aria-busy") == null
                    && !d.findElements(By.cssSelector("#detail-actions [data-act=download]"))
                        .isEmpty());
    JsonObject file = api.get(user, P + "/report_queue/" + run).json().getJsonObject("file");
    String detail = browser.findElement(By.id("main")).getText();
    assertThat(detail)
        .contains(file.getString("name"))
        .contains(file.getLong("size") + " bytes")
        .contains(file.getString("checksum"));
    String console = browser.getWindowHandle();
    browser.findElement(By.cssSelector("#detail-actions [data-act=download]")).click();
    if ("application/pdf".equals(file.getString("content_type"))) {
      await(10).until(d -> d.getWindowHandles().size() == 2);
      String viewer =
          browser.getWindowHandles().stream().filter(h -> !h.equals(console)).findFirst().get();
      browser.switchTo().window(viewer);
      assertThat(browser.getCurrentUrl()).startsWith("blob:");
      browser.close();
      browser.switchTo().window(console);
    } else {
      Path saved = downloads.resolve(file.getString("name"));
      await(15).until(d -> Files.exists(saved) && saved.toFile().length() == file.getLong("size"));
    }
  }

  @Test
  void a_run_longer_than_its_tasks_interval_is_reported_as_overrunning() {
    UUID user = UUID.randomUUID();
    JsonObject slow =
        new JsonObject()
            .put("job", "diagnostic.sleep")
            .put("enabled", false)
            .put("params", new JsonObject().put("ms", 8000));
    String everyTwo = task(user, slow.copy().put("interval", "@every 2s"));
    String hourly = task(user, slow.copy().put("interval", "0 * * * *"));
    long overrunning =
        api.post(user, P + "/report_tasks/" + everyTwo + "/run", null).json().getLong("id");
    long inTime = api.post(user, P + "/report_tasks/" + hourly + "/run", null).json().getLong("id");
    await(15)
        .until(
            d -> {
              JsonObject r = api.get(user, P + "/report_queue/" + overrunning).json();
              return r.getString("started_at") != null
                  && java.time.Instant.parse(r.getString("started_at"))
                      .isBefore(java.time.Instant.now().minusSeconds(3));
            });
    assertThat(status(user, inTime)).isEqualTo("in_action");
    openAs(user, "overview");
    String problems = browser.findElement(By.id("problems")).getText();
    assertThat(problems)
        .contains("Run " + overrunning + " of task " + everyTwo + " is overrunning its interval")
        .contains("the task fires every 2 s")
        .doesNotContain("Run " + inTime + " ");
  }

  @Test
  void the_overview_shows_problem_banners_and_administrators_the_instances_and_their_runs()
      throws Exception {
    UUID admin = TestServer.ADMIN;
    String failing =
        task(
            admin,
            new JsonObject()
                .put("name", "always failing")
                .put("job", "diagnostic.sleep")
                .put("params", new JsonObject().put("ms", 0).put("fail", "error")));
    for (int i = 0; i < 3; i++) {
      long run =
          api.post(admin, P + "/report_tasks/" + failing + "/run", null).json().getLong("id");
      Runs.awaitEnded(api, admin, run);
    }
    String sleeper =
        task(
            admin,
            new JsonObject()
                .put("job", "diagnostic.sleep")
                .put("params", new JsonObject().put("ms", 30_000)));
    long running =
        api.post(admin, P + "/report_tasks/" + sleeper + "/run", null).json().getLong("id");
    await(15).until(d -> "in_action".equals(status(admin, running)));
    String paused = task(admin, new JsonObject().put("name", "orphaned"));
    TestDatabase.execute(
        server.schema(),
        "UPDATE report_tasks SET enabled = false, paused_reason = 'paused: the owner of this task"
            + " can no longer see its report' WHERE id = '"
            + paused
            + "';"
            + " INSERT INTO instances (id, host, version, started_at, heartbeat_at, created_at,"
            + " updated_at, name) VALUES ('"
            + GHOST
            + "', 'ghost-host', 'x', now() - interval '2 hours', now() - interval '1 hour',"
            + " now(), now(), 'ghost')"
            + " ON CONFLICT (id) DO NOTHING");

    openAs(admin, "overview");
    List<String> banners =
        browser.findElements(By.cssSelector("#problems li.banner[role=alert]")).stream()
            .map(WebElement::getText)
            .toList();
    assertThat(banners)
        .anyMatch(b -> b.startsWith("Instance ghost (" + GHOST + ") is dead"))
        .anyMatch(
            b ->
                b.startsWith("Task always failing keeps failing: its last 3 runs failed")
                    && b.contains("diagnostic failure requested"))
        .anyMatch(b -> b.startsWith("The engine paused task orphaned: paused: the owner"));
    String self = server.instanceId().toString();
    WebElement row = browser.findElement(By.id("instance-" + self));
    List<WebElement> cells = row.findElements(By.tagName("td"));
    assertThat(cells.get(3).getText()).isEqualTo("live");
    assertThat(Long.parseLong(cells.get(4).getText()))
        .isEqualTo(server.count("runs WHERE status = 'in_action' AND instance_id = '" + self + "'"))
        .isPositive();
    assertThat(browser.findElement(By.id("instance-" + GHOST)).getText()).contains("dead");
    api.post(admin, P + "/report_queue/" + running + "/cancel", null);

    UUID user = UUID.randomUUID();
    openAs(user, "overview");
    assertThat(browser.findElement(By.id("instances-section")).isDisplayed())
        .as("instances are for administrators")
        .isFalse();
    assertThat(browser.findElement(By.id("problems")).getText()).isEqualTo("None.");
  }

  private static final String GHOST = "0badc0de-0000-4000-8000-00000000dead";

  @Test
  void the_run_page_shows_each_attempt_with_its_instance_and_the_end() throws Exception {
    UUID user = UUID.randomUUID();
    String task =
        task(
            user,
            new JsonObject()
                .put("job", "diagnostic.sleep")
                .put("max_attempts", 2)
                .put("params", new JsonObject().put("ms", 0).put("fail", "transient")));
    long run = api.post(user, P + "/report_tasks/" + task + "/run", null).json().getLong("id");
    JsonObject ended = Runs.awaitEnded(api, user, run);
    openAs(user, "run/" + run);
    List<String> steps =
        browser.findElements(By.cssSelector("#timeline tbody tr")).stream()
            .map(WebElement::getText)
            .toList();
    String self = server.instanceId().toString();
    assertThat(steps).hasSize(5);
    assertThat(steps.get(0)).startsWith("Fire time").contains("trigger manual");
    assertThat(steps.get(1)).startsWith("Created");
    assertThat(steps.get(2))
        .startsWith("Attempt 1")
        .contains("on instance " + self)
        .contains("diagnostic transient failure requested");
    assertThat(steps.get(3)).startsWith("Attempt 2").contains("on instance " + self);
    assertThat(steps.get(4)).startsWith("Ended").endsWith("error");
    assertThat(browser.findElement(By.id("detail-error")).getText())
        .isEqualTo(ended.getString("error"));
  }

  @Test
  void runs_are_filtered_by_job_kind_and_trigger_and_everything_matching_is_cancelled() {
    UUID user = UUID.randomUUID();
    JsonObject away = new JsonObject().put("instance", Fixtures.INSTANCE);
    String sleeper =
        task(user, away.copy().put("job", "diagnostic.sleep").put("params", new JsonObject()));
    String generator = task(user, away.copy());
    List<Long> sleeps = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      sleeps.add(
          api.post(user, P + "/report_tasks/" + sleeper + "/run", null).json().getLong("id"));
    }
    long report =
        api.post(user, P + "/report_tasks/" + generator + "/run", null).json().getLong("id");
    openAs(user, "runs");
    new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("runs-job")))
        .selectByValue("diagnostic.sleep");
    new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("runs-trigger")))
        .selectByValue("manual");
    String before = browser.getCurrentUrl();
    browser.findElement(By.id("runs-apply")).click();
    await(10).until(d -> !d.getCurrentUrl().equals(before));
    awaitPage("runs");
    assertThat(browser.getCurrentUrl()).contains("job=diagnostic.sleep").contains("trigger=manual");
    assertThat(runRows()).containsExactlyInAnyOrderElementsOf(sleeps);
    browser.findElement(By.cssSelector("[data-act=all-cancel]")).click();
    org.openqa.selenium.Alert confirm = await(5).until(d -> d.switchTo().alert());
    assertThat(confirm.getText()).startsWith("Cancel every run matching the filter (3 listed");
    confirm.accept();
    await(10)
        .until(d -> d.findElement(By.id("banners")).getText().startsWith("3 run(s) cancelled"));
    for (long id : sleeps) {
      assertThat(status(user, id)).isEqualTo("cancel");
    }
    assertThat(status(user, report)).as("outside the filter").isEqualTo("new");
    openAs(user, "runs");
    assertThat(
            browser.findElements(By.cssSelector(".tabs [data-tab]")).stream()
                .map(WebElement::getText)
                .toList())
        .contains("all (4)", "new (1)", "cancel (3)", "complete (0)");
  }

  private static List<Long> runRows() {
    return browser.findElements(By.cssSelector("#runs-body tr[id^=run-]")).stream()
        .map(r -> Long.parseLong(r.getDomAttribute("id").substring(4)))
        .toList();
  }

  @Test
  void times_show_in_the_browsers_zone_with_the_utc_value_on_hover() throws Exception {
    UUID user = UUID.randomUUID();
    String task = task(user, new JsonObject().put("instance", Fixtures.INSTANCE));
    long run = api.post(user, P + "/report_tasks/" + task + "/run", null).json().getLong("id");
    String created = api.get(user, P + "/report_queue/" + run).json().getString("created_at");
    openAs(user, "runs?task_id=" + task);
    assertThat(browser.executeScript("return Intl.DateTimeFormat().resolvedOptions().timeZone"))
        .isEqualTo(BROWSER_ZONE);
    WebElement shown = browser.findElement(By.cssSelector("#run-" + run + " time"));
    java.time.Instant at = java.time.Instant.parse(created);
    assertThat(shown.getDomAttribute("title"))
        .isEqualTo(
            "UTC: "
                + java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
                    .withZone(java.time.ZoneOffset.UTC)
                    .format(at));
    @SuppressWarnings("unchecked")
    Map<String, String> formatted =
        (Map<String, String>)
            browser.executeScript(
                "const d = new Date(arguments[0]);"
                    + " return {zone: d.toLocaleString(undefined, {timeZone: arguments[1]}),"
                    + " utc: d.toLocaleString(undefined, {timeZone: 'UTC'})};",
                created,
                BROWSER_ZONE);
    assertThat(formatted.get("zone")).isNotEqualTo(formatted.get("utc"));
    assertThat(shown.getText()).isEqualTo(formatted.get("zone"));
  }

  @Test
  void tasks_show_the_schedules_description_a_countdown_and_the_last_runs() throws Exception {
    UUID user = UUID.randomUUID();
    String task =
        task(
            user,
            new JsonObject()
                .put("interval", "0 9 * * 1-5")
                .put("timezone", "Europe/Paris")
                .put("job", "diagnostic.sleep")
                .put("params", new JsonObject().put("ms", 0)));
    long done = api.post(user, P + "/report_tasks/" + task + "/run", null).json().getLong("id");
    Runs.awaitEnded(api, user, done);
    // the next run waits for an instance that never comes, so it is still there to cancel
    assertThat(
            api.patch(
                    user,
                    P + "/report_tasks/" + task,
                    new JsonObject().put("instance", Fixtures.INSTANCE))
                .status())
        .isEqualTo(200);
    long cancelled =
        api.post(user, P + "/report_tasks/" + task + "/run", null).json().getLong("id");
    api.post(user, P + "/report_queue/" + cancelled + "/cancel", null);
    Runs.awaitEnded(api, user, cancelled);
    String description =
        api.get(user, P + "/report_tasks/" + task + "/schedule?count=1")
            .json()
            .getString("description");
    openAs(user, "tasks");
    WebElement row = browser.findElement(By.id("task-" + task));
    await(10).until(d -> row.findElement(By.cssSelector(".desc")).getText().equals(description));
    assertThat(row.getText()).contains("0 9 * * 1-5").contains("Europe/Paris");
    await(10).until(d -> row.findElements(By.cssSelector(".strip span")).size() == 2);
    assertThat(
            row.findElements(By.cssSelector(".strip span")).stream()
                .map(s -> s.getDomAttribute("class"))
                .toList())
        .containsExactly("s-complete", "s-cancel");
    WebElement countdown = row.findElement(By.cssSelector(".countdown"));
    String first = countdown.getText();
    assertThat(first).matches("(\\d+d )?(\\d+h )?(\\d+m )?\\d+s");
    await(5).until(d -> !countdown.getText().equals(first));

    row.findElement(By.cssSelector("[data-act=delete]")).click();
    await(5).until(d -> d.switchTo().alert()).accept();
    await(10).until(d -> d.findElements(By.id("task-" + task)).isEmpty());
    assertThat(api.get(user, P + "/report_tasks/" + task).status()).isEqualTo(404);
  }

  @Test
  void the_report_page_lists_its_pages_widgets_and_tasks() {
    UUID user = UUID.randomUUID();
    JsonObject sales =
        new JsonObject()
            .put(
                "widget",
                new JsonObject()
                    .put("name", "Sales by region")
                    .put("settings", new JsonObject().put("kind", "pie"))
                    .put(
                        "series",
                        new JsonArray()
                            .add(
                                new JsonObject()
                                    .put("name", "amount")
                                    .put(
                                        "query",
                                        new JsonObject()
                                            .put("dataset", "sales")
                                            .put(
                                                "fields",
                                                new JsonArray()
                                                    .add(
                                                        new JsonObject()
                                                            .put("field", "region")))))));
    JsonObject note =
        new JsonObject()
            .put(
                "widget",
                new JsonObject()
                    .put("name", "Note")
                    .put(
                        "settings",
                        new JsonObject()
                            .put("kind", "text")
                            .put("settings", new JsonObject().put("text", "hello"))));
    String report =
        fixtures.report(
            user,
            new JsonObject()
                .put("name", "Quarterly")
                .put(
                    "config",
                    new JsonObject()
                        .put(
                            "pages",
                            new JsonArray()
                                .add(new JsonArray().add(note).add(sales))
                                .add(new JsonArray()))));
    String task =
        api.post(
                user,
                P + "/report_tasks/create",
                Fixtures.task(report).put("name", "quarterly run").put("interval", "0 6 1 * *"))
            .id();
    openAs(user, "report/" + report);
    List<WebElement> pages = browser.findElements(By.cssSelector(".report-page"));
    assertThat(pages).hasSize(2);
    assertThat(
            pages.get(0).findElements(By.cssSelector("tbody tr")).stream()
                .map(WebElement::getText)
                .toList())
        .containsExactly("Note text —", "Sales by region pie sales");
    assertThat(pages.get(1).getText()).contains("Empty page.");
    assertThat(browser.findElement(By.id("report-tasks")).getText())
        .isEqualTo("quarterly run: 0 6 1 * * (UTC)");
    assertThat(browser.findElement(By.cssSelector("#report-tasks a")).getDomAttribute("href"))
        .isEqualTo("#/task/" + task);
  }

  @Test
  void the_datasets_page_lists_each_table_with_its_fields() {
    openAs(UUID.randomUUID(), "datasets");
    List<WebElement> sections = browser.findElements(By.cssSelector("#main section"));
    assertThat(sections).hasSize(1);
    assertThat(sections.get(0).findElement(By.tagName("h2")).getText()).isEqualTo("sales");
    assertThat(
            sections.get(0).findElements(By.cssSelector("tbody tr")).stream()
                .map(WebElement::getText)
                .toList())
        .containsExactly("time (time) timestamp", "region text", "amount number");
  }

  @Test
  void every_control_is_labelled_reachable_by_keyboard_and_nothing_loads_from_elsewhere() {
    UUID user = UUID.randomUUID();
    String task = task(user, new JsonObject());
    api.post(user, P + "/report_tasks/" + task + "/run", null);
    for (String page : List.of("overview", "runs", "tasks", "task/" + task, "reports")) {
      openAs(user, page);
      @SuppressWarnings("unchecked")
      List<String> unlabelled =
          (List<String>)
              browser.executeScript(
                  """
                  return [...document.querySelectorAll('input, select, textarea, button')]
                    .filter((e) => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')
                                   && !e.textContent.trim())
                    .map((e) => e.outerHTML.slice(0, 120));
                  """);
      assertThat(unlabelled).as("controls without a label on " + page).isEmpty();
      @SuppressWarnings("unchecked")
      List<String> foreign =
          (List<String>)
              browser.executeScript(
                  "return performance.getEntriesByType('resource').map((e) => e.name)"
                      + ".filter((n) => !n.startsWith(location.origin))");
      assertThat(foreign).as("requests elsewhere from " + page).isEmpty();
    }
    openAs(user, "tasks");
    // the first Tab reaches the skip link, Enter moves to the content, the next Tab its controls
    browser.findElement(By.tagName("body")).sendKeys(org.openqa.selenium.Keys.TAB);
    assertThat(browser.switchTo().activeElement().getText()).isEqualTo("Skip to content");
    browser.switchTo().activeElement().sendKeys(org.openqa.selenium.Keys.ENTER);
    assertThat(browser.switchTo().activeElement().getDomAttribute("id")).isEqualTo("main");
    browser.switchTo().activeElement().sendKeys(org.openqa.selenium.Keys.TAB);
    assertThat(browser.switchTo().activeElement().getDomAttribute("id")).isEqualTo("task-name");
  }

  @Test
  void behind_a_gateway_the_console_acts_as_the_gateways_user_and_offers_no_picker()
      throws Exception {
    UUID user = UUID.randomUUID();
    try (TestServer gated =
            TestServer.start(
                new JsonObject()
                    .put("DIAGNOSTIC_JOBS", true)
                    .put("SCHEDULER_TICK_MS", 100)
                    .put("WORKER_POLL_MS", 100)
                    .put("CONSOLE_DEV_IDENTITY", "false"));
        GatewayProxy gateway = new GatewayProxy(gated.port(), user)) {
      Api direct = gated.api();
      String mine =
          direct
              .post(
                  user,
                  P + "/report_tasks/create",
                  Fixtures.task(new Fixtures(direct).report(user, "gated"))
                      .put("instance", "00000000-0000-0000-0000-000000000000")
                      .put("name", "gated task")
                      .put("job", "diagnostic.sleep")
                      .put("params", new JsonObject().put("ms", 3000).put("steps", 6)))
              .id();
      UUID other = UUID.randomUUID();
      String theirs =
          direct
              .post(
                  other,
                  P + "/report_tasks/create",
                  Fixtures.task(new Fixtures(direct).report(other, "not yours")))
              .id();
      String base = "http://127.0.0.1:" + gateway.port();
      browser.get(base + "/console/settings.json");
      // what the development picker would have stored is ignored: the gateway decides
      browser.executeScript(
          "localStorage.setItem('periodica.user', arguments[0])", other.toString());
      browser.get(base + "/#/tasks");
      awaitPage("tasks");
      assertThat(browser.findElements(By.id("dev-user"))).isEmpty();
      assertThat(browser.findElement(By.id("identity")).getText())
          .isEqualTo("Signed in as " + user)
          .doesNotContain("Development mode");
      assertThat(taskRows()).containsExactly(mine).doesNotContain(theirs);

      browser.findElement(By.cssSelector("#task-" + mine + " [data-act=run]")).click();
      awaitPage("runs");
      await(10).until(d -> !d.findElements(By.cssSelector("#runs-body tr[id^=run-]")).isEmpty());
      WebElement bar = browser.findElement(By.cssSelector("#runs-body tr[id^=run-] progress"));
      List<Integer> seen = new ArrayList<>();
      await(30)
          .pollingEvery(Duration.ofMillis(50))
          .until(
              d -> {
                int value = Integer.parseInt(bar.getDomProperty("value"));
                if (seen.isEmpty() || seen.get(seen.size() - 1) != value) {
                  seen.add(value);
                }
                return value == 100;
              });
      assertThat(seen).as("live through the gateway").anyMatch(v -> v > 0 && v < 100);

      browser.get("http://127.0.0.1:" + gated.port() + "/#/tasks");
      awaitPage("tasks", false);
      assertThat(browser.findElement(By.id("main")).getText())
          .as("no gateway, no identity: the API's refusal, plainly")
          .contains("missing uid header");
    }
  }

  @Test
  void the_overviews_counts_follow_runs_live_without_a_reload() throws Exception {
    UUID user = UUID.randomUUID();
    String task =
        task(
            user,
            new JsonObject()
                .put("job", "diagnostic.sleep")
                .put("params", new JsonObject().put("ms", 0)));
    openAs(user, "overview");
    browser.executeScript("window.notReloaded = true");
    assertThat(browser.findElement(By.cssSelector(".card[data-status=complete] .n")).getText())
        .isEqualTo("0");
    long run = api.post(user, P + "/report_tasks/" + task + "/run", null).json().getLong("id");
    Runs.awaitEnded(api, user, run);
    await(15)
        .until(
            d ->
                "1"
                    .equals(
                        d.findElement(By.cssSelector(".card[data-status=complete] .n")).getText()));
    assertThat(browser.executeScript("return window.notReloaded")).isEqualTo(true);
  }
}
