package dev.periodica.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periodica.support.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What PostgreSQL makes of the options each of periodica's pools connects with. */
class PgOptionsTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private String setting(PgConnectOptions options, String name) throws Exception {
    Pool pool =
        PgBuilder.pool()
            .with(new PoolOptions().setMaxSize(1))
            .connectingTo(options)
            .using(vertx)
            .build();
    try {
      return pool.query("SELECT current_setting('" + name + "')")
          .execute()
          .map(rows -> rows.iterator().next().getString(0))
          .toCompletionStage()
          .toCompletableFuture()
          .get(10, TimeUnit.SECONDS);
    } finally {
      pool.close();
    }
  }

  @Test
  void statements_up_to_the_cached_length_stay_prepared_on_every_pool() {
    var cached =
        PgOptions.forQueue(TestDatabase.url(), "public").getPreparedStatementCacheSqlFilter();
    assertThat(cached.test("x".repeat(PgOptions.CACHED_STATEMENT_MAX_LENGTH))).isTrue();
    assertThat(cached.test("x".repeat(PgOptions.CACHED_STATEMENT_MAX_LENGTH + 1))).isFalse();
    // the client's default, 2,048, left a task's GET unprepared
    assertThat(PgOptions.CACHED_STATEMENT_MAX_LENGTH).isGreaterThan(2048);
    assertThat(PgOptions.of(TestDatabase.url(), "public", "x").getCachePreparedStatements())
        .isTrue();
  }

  @Test
  void the_queue_connections_run_without_jit_and_the_datasets_connections_keep_the_servers()
      throws Exception {
    assertThat(setting(PgOptions.forQueue(TestDatabase.url(), "public"), "jit")).isEqualTo("off");
    assertThat(setting(PgOptions.forQueue(TestDatabase.url(), "public"), "application_name"))
        .isEqualTo("periodica");
    // the datasets' pool sets nothing of its own: whatever the server says (on by default)
    assertThat(setting(PgOptions.of(TestDatabase.url(), "public", "periodica-datasets"), "jit"))
        .isEqualTo(TestDatabase.text("public", "SELECT current_setting('jit')"));
  }
}
