package dev.periodica.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periodica.support.Api;
import dev.periodica.support.Api.Response;
import dev.periodica.support.Fixtures;
import dev.periodica.support.Runs;
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
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
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

  @BeforeAll
  static void start() throws Exception {
    server =
        TestServer.start(
            new JsonObject()
                .put("DIAGNOSTIC_JOBS", true)
                .put("SCHEDULER_TICK_MS", 100)
                .put("WORKER_POLL_MS", 100)
                .put("CONSOLE_DEV_IDENTITY", "true"));
    api = server.api();
    fixtures = new Fixtures(api);
    downloads = Files.createTempDirectory("periodica-downloads");
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
        "--window-size=1400,1000");
    options.setExperimentalOption(
        "prefs",
        Map.of(
            "download.default_directory",
            downloads.toString(),
            "download.prompt_for_download",
            false));
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File("/usr/bin/chromedriver"))
            .build();
    browser = new ChromeDriver(service, options);
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.quit();
    }
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

  private static void awaitPage(String page) {
    new WebDriverWait(browser, Duration.ofSeconds(15))
        .until(
            d ->
                page.equals(d.findElement(By.tagName("body")).getDomAttribute("data-page"))
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
}
