package dev.periodica.app;

import dev.periodica.config.AppConfig;
import dev.periodica.config.ConfigLoader;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts periodica; {@code SIGTERM} stops it cleanly, embedded database included. */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) {
    Observability.Metered metered = Observability.vertx();
    Vertx vertx = metered.vertx();
    AppConfig config;
    try {
      config = ConfigLoader.load(vertx).toCompletionStage().toCompletableFuture().get();
    } catch (ExecutionException | InterruptedException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      System.err.println("periodica: invalid configuration: " + cause.getMessage());
      vertx.close();
      System.exit(2);
      return;
    }
    try {
      Application application = Application.start(metered, config, Clock.systemUTC());
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    LOG.info("shutting down");
                    try {
                      application.close();
                    } catch (Exception e) {
                      LOG.warn("shutdown was not clean", e);
                    }
                    LOG.info("stopped");
                  },
                  "periodica-shutdown"));
    } catch (Exception e) {
      LOG.error("periodica could not start", e);
      vertx.close();
      System.exit(1);
    }
  }
}
