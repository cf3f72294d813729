package dev.periodica.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periodica.support.Api;
import dev.periodica.support.Api.Response;
import dev.periodica.support.Fixtures;
import dev.periodica.support.HeadlessChromium;
import dev.periodica.support.Runs;
import dev.periodica.support.TestDatabase;
import dev.periodica.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console's runs page against the API it reads (server-side paging, sorting and filters, and a
 * total counted only as far as the page needs), the contrast of every page's text, and the pages on
 * a laptop screen; in headless Chromium against a real server and PostgreSQL.
 */
class ConsoleRunsPageBrowserTest {
  private static final String P = Api.PREFIX;
  private static final String BROWSER_ZONE = "Asia/Tokyo";
  private static TestServer server;
  private static Api api;
  private static Fixtures fixtures;
  private static ChromeDriver browser;

  @BeforeAll
  static void start() throws Exception {
    server =
        TestServer.start(
            new JsonObject()
                .put("DIAGNOSTIC_JOBS", true)
                .put("SCHEDULER_TICK_MS", 100)
                .put("WORKER_POLL_MS", 100)
                .put("RETRY_BASE_SECONDS", 1)
                .put("CONSOLE_DEV_IDENTITY", "true"));
    api = server.api();
    fixtures = new Fixtures(api);
    browser =
        HeadlessChromium.start(BROWSER_ZONE, Files.createTempDirectory("periodica-downloads"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.quit();
    }
    server.close();
  }

  private static WebDriverWait await(int seconds) {
    return new WebDriverWait(browser, Duration.ofSeconds(seconds));
  }

  private static void openAs(UUID user, String hash) {
    browser.get("http://127.0.0.1:" + server.port() + "/console/settings.json");
    browser.executeScript("localStorage.setItem('periodica.user', arguments[0])", user.toString());
    browser.get("http://127.0.0.1:" + server.port() + "/#/" + hash);
    awaitPage(hash.split("[/?]")[0]);
  }

  private static void awaitPage(String page) {
    await(15)
        .until(
            d ->
                page.equals(d.findElement(By.tagName("body")).getDomAttribute("data-page"))
                    && "open".equals(d.findElement(By.tagName("body")).getDomAttribute("data-live"))
                    && d.findElement(By.id("main")).getDomAttribute("aria-busy") == null);
  }

  /** Clicks what navigates within the runs page and waits for the page drawn anew. */
  private static void clickAndAwaitRuns(By target) {
    WebElement main = browser.findElement(By.id("main"));
    browser.findElement(target).click();
    await(15).until(ExpectedConditions.stalenessOf(main));
    awaitPage("runs");
  }

  private static String report(UUID owner, String name) {
    return fixtures.report(
        owner,
        new JsonObject()
            .put("name", name)
            .put("config", new JsonObject().put("pages", new JsonArray().add(new JsonArray()))));
  }

  /**
   * A task whose runs wait for an instance that never comes, so they stay as the test left them.
   */
  private static String waitingTask(UUID owner, String report) {
    Response created =
        api.post(
            owner,
            P + "/report_tasks/create",
            Fixtures.task(report)
                .put("instance", Fixtures.INSTANCE)
                .put("job", "diagnostic.sleep")
                .put("params", new JsonObject()));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.id();
  }

  private static long runNow(UUID owner, String task) {
    Response run = api.post(owner, P + "/report_tasks/" + task + "/run", null);
    assertThat(run.status()).as(run.toString()).isEqualTo(201);
    return run.json().getLong("id");
  }

  private static void sql(String statement) {
    TestDatabase.execute(server.schema(), statement);
  }

  private static List<Long> runRows() {
    return browser.findElements(By.cssSelector("#runs-body tr[id^=run-]")).stream()
        .map(r -> Long.parseLong(r.getDomAttribute("id").substring(4)))
        .toList();
  }

  private static List<Long> apiRuns(UUID user, String query) {
    Response page = api.get(user, P + "/report_queue?" + query);
    assertThat(page.status()).as(page.toString()).isEqualTo(200);
    return page.json().getJsonArray("items").stream()
        .map(r -> ((JsonObject) r).getLong("id"))
        .toList();
  }

  /**
   * The API's answer for what the console shows now: the page's own query (in its address), with
   * the console's defaults for what the address leaves out (25 rows, newest first).
   */
  private static List<Long> apiRunsForShownPage(UUID user) {
    String hash = (String) browser.executeScript("return location.hash.split('?')[1] || ''");
    Map<String, String> query = new LinkedHashMap<>();
    query.put("limit", "25");
    query.put("offset", "0");
    query.put("sort", "-created_at");
    for (String pair : hash.split("&")) {
      if (!pair.isEmpty()) {
        String[] kv = pair.split("=", 2);
        query.put(kv[0], kv.length > 1 ? kv[1] : "");
      }
    }
    return apiRuns(
        user,
        query.entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining("&")));
  }

  private static String pager() {
    return browser.findElement(By.id("runs-range")).getText();
  }

  @Test
  void next_and_previous_pages_and_a_columns_sort_show_the_rows_the_api_answers() {
    UUID user = UUID.randomUUID();
    String task = waitingTask(user, report(user, "paged"));
    List<Long> runs = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      runs.add(runNow(user, task));
    }
    api.post(
        user,
        P + "/report_queue/cancel",
        new JsonObject().put("ids", new JsonArray().add(runs.get(1)).add(runs.get(4))));
    int[] progress = {40, 0, 90, 10, 0, 70, 20};
    for (int i = 0; i < runs.size(); i++) {
      if (progress[i] > 0) {
        sql("UPDATE runs SET progress = " + progress[i] + " WHERE id = " + runs.get(i));
      }
    }
    String of = "task_id=" + task + "&limit=3";
    List<Long> newest = apiRuns(user, of + "&offset=0&sort=-created_at");
    List<Long> mostProgress = apiRuns(user, of + "&offset=0&sort=-progress");
    List<Long> leastProgress = apiRuns(user, of + "&offset=0&sort=progress");
    List<Long> byStatus = apiRuns(user, of + "&offset=0&sort=status");
    assertThat(List.of(newest, mostProgress, leastProgress, byStatus))
        .as("the orders differ, so a sort not applied shows")
        .doesNotHaveDuplicates();

    openAs(user, "runs?" + of);
    assertThat(runRows()).containsExactlyElementsOf(newest);
    assertThat(pager()).isEqualTo("1–3 of 7");
    assertThat(browser.findElement(By.id("prev")).isEnabled()).isFalse();

    clickAndAwaitRuns(By.id("next"));
    List<Long> second = apiRuns(user, of + "&offset=3&sort=-created_at");
    assertThat(second).doesNotContainAnyElementsOf(newest);
    assertThat(runRows()).containsExactlyElementsOf(second);
    assertThat(pager()).isEqualTo("4–6 of 7");
    clickAndAwaitRuns(By.id("next"));
    assertThat(runRows())
        .containsExactlyElementsOf(apiRuns(user, of + "&offset=6&sort=-created_at"));
    assertThat(runRows()).containsExactly(runs.get(0));
    assertThat(pager()).isEqualTo("7–7 of 7");
    assertThat(browser.findElement(By.id("next")).isEnabled()).isFalse();
    clickAndAwaitRuns(By.id("prev"));
    assertThat(runRows()).containsExactlyElementsOf(second);

    // a column's header sorts by it (from the first page), again the other way round
    clickAndAwaitRuns(By.cssSelector("th button.sort[data-sort='-progress']"));
    assertThat(browser.getCurrentUrl()).contains("sort=-progress").contains("offset=0");
    assertThat(runRows()).containsExactlyElementsOf(mostProgress);
    assertThat(
            browser
                .findElement(By.xpath("//th[button[starts-with(normalize-space(), 'Progress')]]"))
                .getDomAttribute("aria-sort"))
        .isEqualTo("descending");
    clickAndAwaitRuns(By.cssSelector("th button.sort[data-sort='progress']"));
    assertThat(runRows()).containsExactlyElementsOf(leastProgress);
    clickAndAwaitRuns(By.cssSelector("th button.sort[data-sort='status']"));
    assertThat(runRows()).containsExactlyElementsOf(byStatus);
    clickAndAwaitRuns(By.id("next"));
    assertThat(runRows())
        .containsExactlyElementsOf(apiRuns(user, of + "&offset=3&sort=status"))
        .doesNotContainAnyElementsOf(byStatus);

    // and the sort field of the filters' form
    new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("runs-sort")))
        .selectByValue("created_at");
    clickAndAwaitRuns(By.id("runs-apply"));
    assertThat(runRows())
        .containsExactlyElementsOf(apiRuns(user, of + "&offset=0&sort=created_at"))
        .containsExactly(runs.get(0), runs.get(1), runs.get(2));
  }

  /** Fills the runs filters' form (empty strings clear a field) and applies it. */
  private static void filter(String report, String instance, String from, String to) {
    for (Map.Entry<String, String> field :
        Map.of("runs-report_id", report, "runs-instance", instance).entrySet()) {
      WebElement input = browser.findElement(By.id(field.getKey()));
      input.clear();
      if (!field.getValue().isEmpty()) {
        input.sendKeys(field.getValue());
      }
    }
    // a datetime-local field's typed form depends on the browser's locale; its value does not
    browser.executeScript(
        "document.getElementById('runs-created_from').value = arguments[0];"
            + " document.getElementById('runs-created_to').value = arguments[1];",
        from,
        to);
    clickAndAwaitRuns(By.id("runs-apply"));
  }

  @Test
  void runs_filtered_by_report_instance_and_creation_time_are_the_ones_the_api_answers() {
    UUID user = UUID.randomUUID();
    String first = report(user, "first");
    String second = report(user, "second");
    String ofFirst = waitingTask(user, first);
    String ofSecond = waitingTask(user, second);
    long a1 = runNow(user, ofFirst);
    long b1 = runNow(user, ofSecond);
    long a2 = runNow(user, ofFirst);
    long b2 = runNow(user, ofSecond);
    String here = UUID.randomUUID().toString();
    String there = UUID.randomUUID().toString();
    // each on its instance and at its time, days apart (the form's times are to the minute)
    sql(
        ("UPDATE runs SET instance_id = '%s', created_at = '2026-01-10T00:00:00Z' WHERE id = %d;"
                + " UPDATE runs SET instance_id = '%s', created_at = '2026-02-10T00:00:00Z'"
                + " WHERE id = %d;"
                + " UPDATE runs SET instance_id = '%s', created_at = '2026-03-10T00:00:00Z'"
                + " WHERE id = %d;"
                + " UPDATE runs SET created_at = '2026-04-10T00:00:00Z' WHERE id = %d")
            .formatted(here, a1, here, b1, there, a2, b2));

    openAs(user, "runs");
    assertThat(runRows()).containsExactlyInAnyOrder(a1, b1, a2, b2);

    filter(first, "", "", "");
    assertThat(browser.getCurrentUrl()).contains("report_id=" + first);
    assertThat(runRows()).containsExactlyElementsOf(apiRunsForShownPage(user));
    assertThat(runRows()).containsExactlyInAnyOrder(a1, a2);

    filter("", here, "", "");
    assertThat(browser.getCurrentUrl()).contains("instance=" + here).doesNotContain("report_id");
    assertThat(runRows()).containsExactlyElementsOf(apiRunsForShownPage(user));
    assertThat(runRows()).containsExactlyInAnyOrder(a1, b1);

    // in the browser's zone (Tokyo): from 1 February to 31 March
    filter("", "", "2026-02-01T00:00", "2026-03-31T00:00");
    assertThat(browser.getCurrentUrl())
        .contains("created_from=2026-01-31T15%3A00%3A00.000Z")
        .contains("created_to=2026-03-30T15%3A00%3A00.000Z");
    assertThat(runRows()).containsExactlyElementsOf(apiRunsForShownPage(user));
    assertThat(runRows()).containsExactlyInAnyOrder(b1, a2);

    filter(first, "", "2026-02-01T00:00", "");
    assertThat(runRows()).containsExactlyElementsOf(apiRunsForShownPage(user));
    assertThat(runRows()).containsExactly(a2);
    assertThat(browser.findElement(By.id("runs-report_id")).getDomProperty("value"))
        .isEqualTo(first);
    assertThat(browser.findElement(By.id("runs-created_from")).getDomProperty("value"))
        .as("the form shows the filter in the browser's zone")
        .isEqualTo("2026-02-01T00:00");

    filter("", there, "", "2026-03-01T00:00");
    assertThat(runRows()).isEmpty();
    assertThat(apiRunsForShownPage(user)).isEmpty();
    assertThat(pager()).isEqualTo("0–0 of 0");
  }

  @Test
  void a_list_longer_than_a_thousand_runs_says_more_than_and_counts_them_all_when_asked() {
    UUID user = UUID.randomUUID();
    String report = report(user, "busy");
    String task = waitingTask(user, report);
    // waiting runs (retention removes only ended ones), pinned to an instance that never comes
    sql(
        """
        INSERT INTO runs (task_id, report_id, status, progress, trigger, scheduled_for,
                          pinned_instance, created_at, updated_at)
        SELECT '%s', '%s', 'new', 0, 'schedule',
               timestamptz '2026-01-01T00:00:00Z' + i * interval '1 minute', '%s',
               now() - i * interval '1 second', now()
        FROM generate_series(1, 1050) AS i
        """
            .formatted(task, report, Fixtures.INSTANCE));
    openAs(user, "runs?task_id=" + task);
    assertThat(runRows()).hasSize(25).containsExactlyElementsOf(apiRunsForShownPage(user));
    String thousand = (String) browser.executeScript("return (1000).toLocaleString()");
    String all = (String) browser.executeScript("return (1050).toLocaleString()");
    assertThat(pager()).isEqualTo("1–25 of more than " + thousand);
    assertThat(browser.findElement(By.id("next")).isEnabled()).isTrue();

    browser.findElement(By.id("count-all")).click();
    await(15).until(d -> d.findElements(By.id("count-all")).isEmpty());
    assertThat(pager()).isEqualTo("1–25 of " + all);
    assertThat(api.get(user, P + "/report_queue?task_id=" + task).json().getLong("total"))
        .isEqualTo(1050);

    // past the first thousand the count reaches the next thousand, which holds all of them
    openAs(user, "runs?task_id=" + task + "&offset=1025");
    assertThat(pager())
        .isEqualTo(
            browser.executeScript("return (1026).toLocaleString()") + "–" + all + " of " + all);
    assertThat(browser.findElements(By.id("count-all"))).isEmpty();
    assertThat(browser.findElement(By.id("next")).isEnabled()).isFalse();
    assertThat(runRows()).hasSize(25).containsExactlyElementsOf(apiRunsForShownPage(user));
  }

  /**
   * WCAG 2 contrast of each visible text (and form field) against its effective background: the
   * background colours of it and its ancestors composited over white, its colour's alpha scaled by
   * the opacity on the way. Answers what was checked and what fails (below 4.5:1, or 3:1 for large
   * text: 24px, or 18.66px bold).
   */
  private static final String CONTRAST =
      """
      const parse = (c) => {
        const m = /rgba?\\(([^)]+)\\)/.exec(c);
        if (!m) return { r: 0, g: 0, b: 0, a: 0 };
        const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
        return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
      };
      const over = (top, under) => {
        const a = top.a + under.a * (1 - top.a);
        const mix = (k) => (top[k] * top.a + under[k] * under.a * (1 - top.a)) / a;
        return { r: mix('r'), g: mix('g'), b: mix('b'), a };
      };
      const background = (el) => {
        const layers = [];
        for (let e = el; e; e = e.parentElement) {
          const c = parse(getComputedStyle(e).backgroundColor);
          if (c.a > 0) layers.push(c);
          if (c.a >= 1) break;
        }
        return layers.reverse().reduce((under, top) => over(top, under), { r: 255, g: 255, b: 255, a: 1 });
      };
      const lum = (c) => {
        const f = (v) => { v /= 255; return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
        return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
      };
      const visible = (el) => {
        const r = el.getBoundingClientRect();
        return el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })
          && r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0;
      };
      const elements = new Set();
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      while (walker.nextNode()) {
        const el = walker.currentNode.parentElement;
        if (walker.currentNode.textContent.trim() && el
            && !el.closest('script, style, template, progress, select, option, textarea')) elements.add(el);
      }
      document.querySelectorAll('input:not([type=checkbox]):not([type=radio]):not([type=hidden]), select, textarea')
        .forEach((el) => elements.add(el));
      const failures = [];
      let checked = 0;
      for (const el of elements) {
        if (!visible(el)) continue;
        checked++;
        const style = getComputedStyle(el);
        let opacity = 1;
        for (let e = el; e; e = e.parentElement) opacity *= Number(getComputedStyle(e).opacity);
        const bg = background(el);
        const fg = parse(style.color);
        const text = over({ ...fg, a: fg.a * opacity }, bg);
        const [hi, lo] = [lum(text), lum(bg)].sort((x, y) => y - x);
        const ratio = (hi + 0.05) / (lo + 0.05);
        const size = parseFloat(style.fontSize), bold = Number(style.fontWeight) >= 700;
        const large = size >= 24 || (size >= 18.66 && bold);
        if (ratio < (large ? 3 : 4.5)) {
          failures.push(`${ratio.toFixed(2)}:1 <${el.tagName.toLowerCase()} class="${el.className}">`
            + ` "${(el.value || el.textContent).trim().slice(0, 40)}" ${style.color} on `
            + `rgb(${Math.round(bg.r)}, ${Math.round(bg.g)}, ${Math.round(bg.b)}), ${size}px`);
        }
      }
      return { checked, failures };
      """;

  @SuppressWarnings("unchecked")
  private static void assertContrast(String page, int atLeast) {
    Map<String, Object> result = (Map<String, Object>) browser.executeScript(CONTRAST);
    assertThat(((Number) result.get("checked")).intValue())
        .as("texts checked on " + page)
        .isGreaterThanOrEqualTo(atLeast);
    assertThat((List<String>) result.get("failures")).as("contrast on " + page).isEmpty();
  }

  @Test
  void every_visible_text_on_every_page_has_wcag_aa_contrast_with_its_background()
      throws Exception {
    UUID user = UUID.randomUUID();
    String report = report(user, "contrast");
    String failing =
        api.post(
                user,
                P + "/report_tasks/create",
                Fixtures.task(report)
                    .put("instance", "00000000-0000-0000-0000-000000000000")
                    .put("name", "always failing")
                    .put("job", "diagnostic.sleep")
                    .put("params", new JsonObject().put("ms", 0).put("fail", "error")))
            .id();
    long failed = 0;
    for (int i = 0; i < 3; i++) {
      failed = runNow(user, failing);
      Runs.awaitEnded(api, user, failed);
    }
    String waiting = waitingTask(user, report);
    long pending = runNow(user, waiting);
    long toCancel = runNow(user, waiting);
    api.post(
        user,
        P + "/report_tasks/status",
        new JsonObject()
            .put("tasks", new JsonArray().add(waiting))
            .put("status", "stopped")
            .put("reason", "quarter close"));

    openAs(user, "overview");
    await(10).until(d -> !d.findElements(By.cssSelector("#problems li.banner")).isEmpty());
    assertContrast("overview", 15);

    openAs(user, "runs");
    assertThat(runRows()).contains(failed, pending, toCancel);
    browser.findElement(By.cssSelector("#run-" + toCancel + " [data-act=cancel]")).click();
    await(10).until(d -> d.findElement(By.id("banners")).getText().contains("cancelled"));
    awaitPage("runs");
    assertContrast("runs, with the banner of an action", 40);
    clickAndAwaitRuns(By.cssSelector("[data-tab=error]"));
    assertThat(runRows()).contains(failed).doesNotContain(pending);
    browser.executeScript("say('The server refused: an example of a failure', true)");
    assertContrast("runs, a selected tab and a failure's banner", 20);

    openAs(user, "run/" + failed);
    assertContrast("a failed run", 15);
    openAs(user, "tasks");
    assertContrast("tasks, one paused with a reason", 20);
    openAs(user, "task/new");
    WebElement interval = browser.findElement(By.id("interval"));
    interval.clear();
    interval.sendKeys("61 * * * *");
    await(10).until(d -> !d.findElements(By.id("preview-error")).isEmpty());
    assertContrast("the schedule editor with a refusal", 10);
    for (String page : List.of("reports", "report/" + report, "datasets")) {
      openAs(user, page);
      assertContrast(page, 5);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> layout(String... actions) {
    return (Map<String, Object>)
        browser.executeScript(
            """
            const root = document.documentElement;
            const hidden = [];
            for (const selector of arguments[0]) {
              const all = [...document.querySelectorAll(selector)];
              if (!all.length) { hidden.push(selector + ': missing'); continue; }
              for (const el of all) {
                const r = el.getBoundingClientRect();
                const x = r.left + r.width / 2, y = r.top + r.height / 2;
                const top = document.elementFromPoint(x, y);
                if (!el.checkVisibility() || r.left < 0 || r.right > root.clientWidth
                    || r.top < 0 || r.bottom > innerHeight || !(top === el || el.contains(top))) {
                  hidden.push(`${selector} "${el.textContent.trim()}" at ${Math.round(r.left)},`
                    + `${Math.round(r.top)}-${Math.round(r.right)},${Math.round(r.bottom)}`);
                }
              }
            }
            return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth,
                     innerWidth: innerWidth, innerHeight: innerHeight, hidden };
            """,
            List.of(actions));
  }

  @SuppressWarnings("unchecked")
  private static void assertLaidOut(String page, String... actions) {
    Map<String, Object> seen = layout(actions);
    assertThat(((Number) seen.get("scrollWidth")).intValue())
        .as("no horizontal scrollbar on " + page + " " + seen)
        .isLessThanOrEqualTo(((Number) seen.get("clientWidth")).intValue());
    assertThat((List<String>) seen.get("hidden"))
        .as("main actions on screen on " + page + " " + seen)
        .isEmpty();
  }

  @Test
  void on_a_1366_by_768_laptop_window_no_page_scrolls_sideways_and_the_main_actions_show()
      throws Exception {
    UUID user = UUID.randomUUID();
    String report = report(user, "a report with a rather long name for a laptop screen");
    String failing =
        api.post(
                user,
                P + "/report_tasks/create",
                Fixtures.task(report)
                    .put("instance", "00000000-0000-0000-0000-000000000000")
                    .put("name", "a task whose name is long enough to need some room on the page")
                    .put("job", "diagnostic.sleep")
                    .put("params", new JsonObject().put("ms", 0).put("fail", "error")))
            .id();
    long failed = runNow(user, failing);
    Runs.awaitEnded(api, user, failed);
    String generating =
        api.post(
                user,
                P + "/report_tasks/create",
                Fixtures.task(report)
                    .put("instance", "00000000-0000-0000-0000-000000000000")
                    .put("params", new JsonObject().put("format", "csv")))
            .id();
    long withFile = runNow(user, generating);
    assertThat(Runs.awaitEnded(api, user, withFile).getString("status")).isEqualTo("complete");
    long pending = runNow(user, waitingTask(user, report));
    Dimension before = browser.manage().window().getSize();
    try {
      browser.manage().window().setSize(new Dimension(1366, 768));
      openAs(user, "overview");
      await(10).until(d -> !d.findElements(By.cssSelector("#chart .uplot")).isEmpty());
      assertThat(((Number) layout().get("innerWidth")).intValue()).isBetween(1300, 1366);
      assertLaidOut("overview", "header nav a", "#dev-user", ".card");

      openAs(user, "runs");
      assertThat(runRows()).contains(failed, withFile, pending);
      assertLaidOut(
          "runs",
          "header nav a",
          ".tabs [data-tab]",
          "#runs-apply",
          "#bulk button",
          "#run-" + failed + " [data-act=retry]",
          "#run-" + withFile + " [data-act=download]",
          "#run-" + pending + " [data-act=cancel]",
          "#run-" + pending + " input.pick",
          "#runs-body progress");

      openAs(user, "tasks");
      assertLaidOut(
          "tasks",
          "header nav a",
          "#task-search",
          "#task-filters a",
          "[data-act=bulk-pause]",
          "#task-" + failing + " [data-act]",
          "#task-" + failing + " a",
          "#task-" + generating + " [data-act=run]");
    } finally {
      browser.manage().window().setSize(before);
    }
  }
}
