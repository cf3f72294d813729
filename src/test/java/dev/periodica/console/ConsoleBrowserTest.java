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
}
