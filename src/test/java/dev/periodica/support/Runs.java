package dev.periodica.support;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Waits for runs through the API. */
public final class Runs {
  private Runs() {}

  /** The run once it has left {@code new} and {@code in_action}; fails after 20 s. */
  public static JsonObject awaitFinished(Api api, UUID caller, long id)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    JsonObject run = null;
    while (Instant.now().isBefore(deadline)) {
      run = api.get(caller, Api.PREFIX + "/report_queue/" + id).json();
      String status = run.getString("status");
      if (!"new".equals(status) && !"in_action".equals(status)) {
        return run;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("run " + id + " did not finish; last seen: " + run);
  }

  /** The run once it has ended for good (not waiting for a retry either); fails after 20 s. */
  public static JsonObject awaitEnded(Api api, UUID caller, long id) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    JsonObject run = null;
    while (Instant.now().isBefore(deadline)) {
      run = api.get(caller, Api.PREFIX + "/report_queue/" + id).json();
      if (java.util.List.of("complete", "error", "cancel", "cancel_too_long")
          .contains(run.getString("status"))) {
        return run;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("run " + id + " did not end; last seen: " + run);
  }
}
