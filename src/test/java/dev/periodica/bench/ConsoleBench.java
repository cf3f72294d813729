package dev.periodica.bench;

import io.vertx.core.json.JsonObject;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in headless Chromium (Debian's, through its chromedriver) against one server:
 *
 * <ol>
 *   <li>{@code runs} runs in the queue (one generate_series statement, most of them waiting for an
 *       instance that never comes, so nothing drains them): the runs page loaded {@code loads}
 *       times, each load's time to first byte of {@code GET /report_queue} and {@code GET
 *       /report_queue/stats} (Resource Timing: responseStart - startTime) and the time from
 *       navigation start to a usable page (the console's {@code console-page-ready} mark, set once
 *       the table rows are in the DOM, and checked with a Selenium wait for the rows);
 *   <li>{@code bars} runs in progress at once ({@code diagnostic.sleep}, 120 s in 120 steps), all
 *       on one runs page: frames per second over 5 s (a requestAnimationFrame counter), the longest
 *       frame, and the progress events the page applied meanwhile.
 * </ol>
 *
 * Before the page loads, {@code GET /report_queue/stats} alone, 20 times from this JVM, once
 * housekeeping has recounted the statistics' rollup (the seed writes past times by hand).
 *
 * <p>The load average is printed with each figure. Usage: {@code ConsoleBench [runs] [bars]
 * [loads]}.
 */
public final class ConsoleBench {
  private static final String ANY = "00000000-0000-0000-0000-000000000000";

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int bars = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    int loads = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    BenchSupport bench = new BenchSupport();
    ChromeDriver browser = null;
    try {
      bench.start(
          new JsonObject()
              .put("WORKER_INSTANCES", 1)
              .put("WORKER_CONCURRENCY", bars + 8)
              .put("WORKER_POLL_MS", 1000)
              .put("CONSOLE_DEV_IDENTITY", "true")
              .put("WS_MAX_CONNECTIONS_PER_USER", 50));
      String base = "http://127.0.0.1:" + bench.ports.get(0);
      String[] seed = bench.seedReport();
      String owner = seed[0];
      String queued = UUID.randomUUID().toString();
      String live = UUID.randomUUID().toString();
      long seedStart = System.nanoTime();
      // one statement for the runs: 90% waiting (pinned to an instance that never comes), the
      // rest ended; the event triggers off during the insert
      bench.execute(
          """
          INSERT INTO report_tasks (id, report_id, owner_id, interval, instance, job, params,
            overlap, enabled, created_at, updated_at)
          VALUES ('%1$s', '%2$s', '%3$s', '@yearly', '%4$s', 'diagnostic.sleep', '{"ms": 0}',
                  'allow', false, now(), now()),
                 ('%5$s', '%2$s', '%3$s', '@yearly', '%6$s', 'diagnostic.sleep',
                  '{"ms": 120000, "steps": 120}', 'allow', false, now(), now());
          ALTER TABLE runs DISABLE TRIGGER runs_events_inserted;
          INSERT INTO runs (task_id, report_id, status, scheduled_for, pinned_instance, progress,
                            started_at, ended_at, created_at, updated_at)
          SELECT '%1$s', '%2$s', s.status, timestamptz 'epoch' + i * interval '1 second', '%4$s',
                 CASE WHEN s.status = 'new' THEN 0 ELSE 100 END,
                 CASE WHEN s.status = 'new' THEN NULL ELSE now() - i * interval '10 ms' END,
                 CASE WHEN s.status = 'new' THEN NULL ELSE now() - i * interval '10 ms' END,
                 now() - i * interval '10 ms', now()
          FROM generate_series(1, %7$d) AS i,
               LATERAL (SELECT CASE WHEN i %% 10 = 0 THEN 'complete'
                                    WHEN i %% 50 = 1 THEN 'error' ELSE 'new' END AS status) s;
          ALTER TABLE runs ENABLE TRIGGER runs_events_inserted;
          ANALYZE runs;
          """
              .formatted(queued, seed[1], owner, UUID.randomUUID(), live, ANY, runs));
      System.out.printf(
          "seeded %d runs in %.1f s (%s)%n", runs, (System.nanoTime() - seedStart) / 1e9, load());
      // runs written by hand with past times reach the statistics' rollup at its next full
      // recount (STATS_RECOUNT_MINUTES); ask for one now, as an operator would after an import
      long recountStart = System.nanoTime();
      bench.execute(
          """
          BEGIN;
          DELETE FROM run_stats_totals;
          DELETE FROM run_stats_minutes;
          UPDATE run_stats_state SET folded_to = '-infinity', recounted_at = '-infinity';
          COMMIT;
          """);
      while (bench.count("SELECT count(*) FROM run_stats_state WHERE recounted_at > '-infinity'")
          == 0) {
        Thread.sleep(100);
      }
      System.out.printf(
          "statistics recounted by housekeeping after %.1f s (%s)%n",
          (System.nanoTime() - recountStart) / 1e9, load());
      statsDirect(base, owner, runs);
      listDirect(base, owner, runs);

      browser = browser();
      browser.get(base + "/console/settings.json");
      browser.executeScript("localStorage.setItem('periodica.user', arguments[0])", owner);
      List<Double> listTtfb = new ArrayList<>();
      List<Double> statsTtfb = new ArrayList<>();
      List<Double> usable = new ArrayList<>();
      for (int i = 0; i <= loads; i++) {
        browser.get("about:blank");
        browser.get(base + "/#/runs");
        await(browser, 60)
            .until(d -> d.findElements(By.cssSelector("#runs-body tr[id^=run-]")).size() == 25);
        @SuppressWarnings("unchecked")
        Map<String, Object> t =
            (Map<String, Object>)
                browser.executeScript(
                    """
                    const r = (part) => performance.getEntriesByType('resource')
                      .filter((e) => e.name.includes(part)).pop();
                    const list = r('/report_queue?'), stats = r('/report_queue/stats');
                    const ready = performance.getEntriesByName('console-page-ready').pop();
                    return {list: list.responseStart - list.startTime,
                            stats: stats.responseStart - stats.startTime, ready: ready.startTime,
                            doc: performance.getEntriesByType('navigation')[0].responseStart,
                            timeline: performance.getEntriesByType('resource').map((e) =>
                              `${e.name.replace(location.origin, '').split('?')[0]}`
                              + ` ${Math.round(e.startTime)}-${Math.round(e.responseEnd)}`)
                              .join(', ')};
                    """);
        if (i == 0) {
          continue; // the first load warms the JIT, the pools and the browser's cache
        }
        listTtfb.add(((Number) t.get("list")).doubleValue());
        statsTtfb.add(((Number) t.get("stats")).doubleValue());
        usable.add(((Number) t.get("ready")).doubleValue());
        if (i == loads) {
          // where the page's time goes: each request's start and end, from navigation start
          System.out.printf(
              "last load: usable at %.0f ms; requests %s%n",
              ((Number) t.get("ready")).doubleValue(), t.get("timeline"));
        }
      }
      System.out.printf(
          "RESULT console runs=%d loads=%d list_ttfb_ms=%s stats_ttfb_ms=%s usable_ms=%s (%s)%n",
          runs, loads, summary(listTtfb), summary(statsTtfb), summary(usable), load());

      if (bars > 0) {
        liveBars(bench, browser, base, seed[1], live, bars);
      }
      System.out.println("MACHINE " + BenchSupport.machine());
      System.out.flush();
    } finally {
      if (browser != null) {
        browser.quit();
      }
      bench.stopAll();
      bench.dropSchema();
    }
    System.exit(0);
  }

  /** {@code bars} runs in progress at once on one runs page: frames per second while they move. */
  private static void liveBars(
      BenchSupport bench, ChromeDriver browser, String base, String report, String live, int bars)
      throws Exception {
    long liveStart = System.nanoTime();
    bench.execute(
        """
        INSERT INTO runs (task_id, report_id, status, scheduled_for, pinned_instance, created_at,
                          updated_at)
        SELECT '%s', '%s', 'new', timestamptz 'epoch' + i * interval '1 second', '%s', now(), now()
        FROM generate_series(1, %d) AS i;
        SELECT pg_notify('periodica_runs', '');
        """
            .formatted(live, report, ANY, bars));
    String inAction =
        "SELECT count(*) FROM runs WHERE task_id = '" + live + "' AND status = 'in_action'";
    while (bench.count(inAction) < bars) {
      if (System.nanoTime() - liveStart > 120_000_000_000L) {
        throw new IllegalStateException("only " + bench.count(inAction) + " runs started");
      }
      Thread.sleep(250);
    }
    browser.get(base + "/#/runs?task_id=" + live + "&limit=" + bars);
    final int wanted = bars;
    final ChromeDriver page = browser;
    await(browser, 60)
        .until(
            d ->
                ((Number)
                            page.executeScript(
                                "return document.querySelectorAll("
                                    + "'#runs-body tr[data-status=in_action]').length"))
                        .intValue()
                    == wanted);
    System.out.printf(
        "%d runs in progress on one page after %.1f s%n",
        bars, (System.nanoTime() - liveStart) / 1e9);
    for (int sample = 1; sample <= 2; sample++) {
      @SuppressWarnings("unchecked")
      Map<String, Object> f =
          (Map<String, Object>)
              browser.executeAsyncScript(
                  """
                  const done = arguments[arguments.length - 1];
                  let frames = 0, longest = 0, last = performance.now(), events = 0;
                  const count = () => { events++; };
                  S.listeners.add(count);
                  const start = last;
                  const tick = (now) => {
                    frames++; longest = Math.max(longest, now - last); last = now;
                    if (now - start < 5000) requestAnimationFrame(tick);
                    else {
                      S.listeners.delete(count);
                      const moving = [...document.querySelectorAll('#runs-body progress')]
                        .filter((p) => p.value > 0 && p.value < 100).length;
                      done({fps: frames * 1000 / (now - start), longest, events, moving});
                    }
                  };
                  requestAnimationFrame(tick);
                  """);
      System.out.printf(
          "RESULT console-bars bars=%d sample=%d fps=%.1f longest_frame_ms=%.1f"
              + " progress_events=%s bars_between_0_and_100=%s (%s)%n",
          bars,
          sample,
          ((Number) f.get("fps")).doubleValue(),
          ((Number) f.get("longest")).doubleValue(),
          f.get("events"),
          f.get("moving"),
          load());
    }
  }

  /**
   * {@code GET /report_queue/stats} alone, from this JVM (no browser), one request at a time: the
   * server's answer time for the owner of every run; checks the total against the seed.
   */
  private static void statsDirect(String base, String owner, int runs) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + "/cruddy/v2/report_queue/stats"))
            .header("Pgr-User-Id", owner)
            .build();
    List<Double> times = new ArrayList<>();
    for (int i = 0; i <= 20; i++) {
      long start = System.nanoTime();
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      double ms = (System.nanoTime() - start) / 1e6;
      long total = new JsonObject(response.body()).getLong("total");
      if (total != runs) {
        throw new IllegalStateException("stats total " + total + ", seeded " + runs);
      }
      if (i > 0) {
        times.add(ms); // the first one warms up
      }
    }
    System.out.printf(
        "RESULT console-stats runs=%d requests=%d stats_ms=%s (%s)%n",
        runs, times.size(), summary(times), load());
  }

  /**
   * The runs page's list request alone, from this JVM, one at a time: 25 runs newest first with the
   * exact total (as before the console bounded it) and with {@code count_up_to=1000} (as the
   * console asks now), alternating, 20 of each after one of each to warm up. More than 5 runs of
   * one prepared statement let PostgreSQL switch to its generic plan, as a server's cached
   * statements do.
   */
  private static void listDirect(String base, String owner, int runs) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    String page = base + "/cruddy/v2/report_queue?limit=25&offset=0&sort=-created_at";
    List<Double> exact = new ArrayList<>();
    List<Double> bounded = new ArrayList<>();
    for (int i = 0; i <= 20; i++) {
      for (boolean bound : new boolean[] {false, true}) {
        HttpRequest request =
            HttpRequest.newBuilder(URI.create(page + (bound ? "&count_up_to=1000" : "")))
                .header("Pgr-User-Id", owner)
                .build();
        long start = System.nanoTime();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        double ms = (System.nanoTime() - start) / 1e6;
        JsonObject body = new JsonObject(response.body());
        if (bound
            ? body.getInteger("total_more_than", -1) != 1000
            : body.getLong("total") != runs) {
          throw new IllegalStateException("unexpected list answer: " + response.body());
        }
        if (i > 0) {
          (bound ? bounded : exact).add(ms);
        }
      }
    }
    System.out.printf(
        "RESULT console-list runs=%d requests=%d exact_total_ms=%s count_up_to_1000_ms=%s (%s)%n",
        runs, exact.size(), summary(exact), summary(bounded), load());
  }

  private static String load() throws Exception {
    String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
    return "load " + parts[0] + " " + parts[1] + " " + parts[2];
  }

  private static String summary(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return String.format(
        "median %.0f min %.0f max %.0f",
        sorted.get(sorted.size() / 2), sorted.get(0), sorted.get(sorted.size() - 1));
  }

  private static WebDriverWait await(ChromeDriver browser, int seconds) {
    return new WebDriverWait(browser, Duration.ofSeconds(seconds));
  }

  private static ChromeDriver browser() {
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--window-size=1400,1000");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File("/usr/bin/chromedriver"))
            .build();
    return new ChromeDriver(service, options);
  }
}
