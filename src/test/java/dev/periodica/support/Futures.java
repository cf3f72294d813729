package dev.periodica.support;

import io.vertx.core.Future;
import java.util.concurrent.ExecutionException;

/** Waits for Vert.x futures in tests, rethrowing what they failed with. */
public final class Futures {
  private Futures() {}

  public static <T> T await(Future<T> future) throws Exception {
    try {
      return future.toCompletionStage().toCompletableFuture().get();
    } catch (ExecutionException e) {
      throw (Exception) e.getCause();
    }
  }
}
