package dev.periodica.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periodica.support.Api;
import dev.periodica.support.Fixtures;
import dev.periodica.support.TestDatabase;
import dev.periodica.support.TestPool;
import dev.periodica.support.TestServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A fire benchmark logged {@code deadlock detected} from a lease renewal: the renewal locked its
 * instance's runs one by one while another statement held one of them and then wanted one the
 * renewal already held. Here a transaction holds the second run, the renewal starts, and the
 * transaction then writes the first run: the renewal must not wait for the held run.
 */
class LeaseRenewalDeadlockTest {
  private static TestServer server;
  private static Vertx vertx;
  private static Pool pool;
  private final UUID owner = UUID.randomUUID();
  private final UUID instance = UUID.randomUUID();

  @BeforeAll
  static void start() {
    server = TestServer.start();
    vertx = Vertx.vertx();
    pool = TestPool.open(vertx, server.schema());
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close();
    server.close();
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  /** A run of a task pinned to this test's instance, marked as executing on it. */
  private long runningRun() {
    String report = new Fixtures(server.api()).report(owner, "lease");
    String task =
        server
            .api()
            .post(
                owner,
                Api.PREFIX + "/report_tasks/create",
                Fixtures.task(report).put("instance", instance.toString()))
            .id();
    long run =
        server
            .api()
            .post(owner, Api.PREFIX + "/report_tasks/" + task + "/run", null)
            .json()
            .getLong("id");
    TestDatabase.execute(
        server.schema(),
        "UPDATE runs SET status = 'in_action', instance_id = '"
            + instance
            + "', started_at = now(), lease_until = now() + interval '1 hour' WHERE id = "
            + run);
    return run;
  }

  private static int version(long run) {
    return Integer.parseInt(
        TestDatabase.text(server.schema(), "SELECT version::text FROM runs WHERE id = " + run));
  }

  @Test
  void a_renewal_never_waits_for_a_run_another_statement_holds() throws Exception {
    long first = runningRun();
    long second = runningRun();
    PgRunRepository runs = new PgRunRepository(pool);
    SqlConnection holder = await(pool.getConnection());
    try {
      Transaction transaction = await(holder.begin());
      String touch = "UPDATE runs SET progress = 7 WHERE id = $1";
      await(holder.preparedQuery(touch).execute(Tuple.of(second)));

      Future<Integer> renewal =
          runs.renewLeases(
              instance,
              Map.of(first, version(first), second, version(second)),
              Instant.parse("2090-01-01T00:00:00Z"));
      Thread.sleep(300);
      // the holder now wants the run the renewal locked first; before the fix the renewal held it
      // while waiting for the second, and PostgreSQL broke the cycle by failing one of them
      Future<?> touchFirst = holder.preparedQuery(touch).execute(Tuple.of(first));

      assertThat(await(renewal)).isEqualTo(1);
      await(touchFirst);
      await(transaction.commit());
    } finally {
      holder.close();
    }
    assertThat(
            TestDatabase.text(
                server.schema(),
                "SELECT count(*)::text FROM runs WHERE lease_until = '2090-01-01T00:00:00Z'"
                    + " AND id IN ("
                    + first
                    + ", "
                    + second
                    + ")"))
        .isEqualTo("1");
  }

  @Test
  void a_renewal_with_nothing_held_renews_every_listed_run() throws Exception {
    long first = runningRun();
    long second = runningRun();
    PgRunRepository runs = new PgRunRepository(pool);

    int renewed =
        await(
            runs.renewLeases(
                instance,
                Map.of(first, version(first), second, version(second)),
                Instant.parse("2091-01-01T00:00:00Z")));

    assertThat(renewed).isEqualTo(2);
  }
}
