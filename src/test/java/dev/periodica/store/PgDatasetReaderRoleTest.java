package dev.periodica.store;

import static dev.periodica.support.Futures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.periodica.support.TestDatabase;
import dev.periodica.support.TestPool;
import dev.periodica.support.TestServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Provisioning the reader role as instances do when they start: several at once on one database
 * agree on one password, a restart keeps it, and a role periodica did not create is not adopted.
 */
class PgDatasetReaderRoleTest {
  private static TestServer server;
  private static Vertx vertx;
  private static Pool pool;
  private static String role;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    role = server.schema() + "_reader";
    vertx = Vertx.vertx();
    pool = TestPool.open(vertx, server.schema());
  }

  @AfterAll
  static void stop() throws Exception {
    pool.close();
    vertx.close();
    for (String name : List.of(role, server.schema() + "_foreign")) {
      TestDatabase.execute(
          server.schema(),
          """
          DO $$
          BEGIN
            IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '%1$s') THEN
              EXECUTE 'DROP OWNED BY %1$s';
              EXECUTE 'DROP ROLE %1$s';
            END IF;
          END
          $$
          """
              .formatted(name));
    }
    TestDatabase.execute(server.schema(), "DROP SCHEMA IF EXISTS " + server.schema() + "_ds");
    server.close();
  }

  @Test
  void instances_starting_at_once_agree_on_one_password_and_a_restart_keeps_it() throws Exception {
    String schema = server.schema() + "_ds";
    List<Future<String>> starts =
        List.of(
            new PgDatasetReaderRole(pool, role, schema).provision(),
            new PgDatasetReaderRole(pool, role, schema).provision(),
            new PgDatasetReaderRole(pool, role, schema).provision(),
            new PgDatasetReaderRole(pool, role, schema).provision());
    await(Future.all(starts));

    assertThat(starts.stream().map(Future::result).distinct()).hasSize(1);
    assertThat(await(new PgDatasetReaderRole(pool, role, schema).provision()))
        .isEqualTo(starts.get(0).result());
    assertThat(
            TestDatabase.count(
                server.schema(),
                "SELECT count(*) FROM dataset_reader_credentials WHERE role = '" + role + "'"))
        .isEqualTo(1);
  }

  @Test
  void a_role_periodica_did_not_create_is_not_adopted() {
    String foreign = server.schema() + "_foreign";
    TestDatabase.execute(server.schema(), "CREATE ROLE " + foreign + " LOGIN");

    assertThatThrownBy(
            () ->
                await(new PgDatasetReaderRole(pool, foreign, server.schema() + "_ds").provision()))
        .hasMessage(
            "a role "
                + foreign
                + " exists that periodica did not create; choose another DATASETS_READER_ROLE");
    assertThat(
            TestDatabase.count(
                server.schema(),
                "SELECT count(*) FROM dataset_reader_credentials WHERE role = '" + foreign + "'"))
        .isZero();
  }
}
