package dev.periodica.support;

import dev.periodica.config.DatabaseUrl;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The PostgreSQL tests run against: the one {@code PG_URL} names, else one embedded PostgreSQL
 * started once per test JVM. Each test class works in a schema of its own.
 */
public final class TestDatabase {
  private static DatabaseUrl url;

  private TestDatabase() {}

  public static synchronized DatabaseUrl url() {
    if (url == null) {
      String configured = System.getenv("PG_URL");
      url =
          configured == null || configured.isBlank()
              ? startEmbedded()
              : DatabaseUrl.parse(configured);
    }
    return url;
  }

  public static String pgUrl() {
    DatabaseUrl db = url();
    String password = db.password() == null ? "" : ":" + db.password();
    return "postgresql://"
        + db.user()
        + password
        + "@"
        + db.host()
        + ":"
        + db.port()
        + "/"
        + db.database();
  }

  /** Runs a query returning one number, e.g. a row count, in {@code schema}. */
  public static long count(String schema, String sql) {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.execute("SET search_path TO " + schema);
      try (ResultSet rows = statement.executeQuery(sql)) {
        rows.next();
        return rows.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs a query returning one text value in {@code schema}. */
  public static String text(String schema, String sql) {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.execute("SET search_path TO " + schema);
      try (ResultSet rows = statement.executeQuery(sql)) {
        rows.next();
        return rows.getString(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The plan of {@code sql} (with {@code $n} parameters) for the given literal arguments, with
   * sequential scans priced out: a table the plan still scans whole has no index for the
   * statement's conditions.
   */
  public static String planWithoutSeqScans(String schema, String sql, String arguments) {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.execute("SET search_path TO " + schema);
      statement.execute("SET enable_seqscan = off");
      statement.execute("PREPARE planned AS " + sql);
      StringBuilder plan = new StringBuilder();
      try (ResultSet rows = statement.executeQuery("EXPLAIN EXECUTE planned(" + arguments + ")")) {
        while (rows.next()) {
          plan.append(rows.getString(1)).append('\n');
        }
      }
      return plan.toString();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The plan, as {@code EXPLAIN (ANALYZE, FORMAT JSON)} gives it, of {@code sql} (with {@code $n}
   * parameters) executed with the given literal arguments, under {@code planCacheMode} ({@code
   * force_custom_plan} or {@code force_generic_plan}, the plan a prepared statement may settle on
   * after five executions).
   */
  public static String executedPlan(
      String schema, String sql, String arguments, String planCacheMode) {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.execute("SET search_path TO " + schema);
      statement.execute("SET plan_cache_mode = " + planCacheMode);
      statement.execute("PREPARE planned AS " + sql);
      try (ResultSet rows =
          statement.executeQuery(
              "EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE planned(" + arguments + ")")) {
        rows.next();
        return rows.getString(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * How many of {@code times} executions of {@code sql} (with {@code $n} parameters, given the
   * literal arguments), prepared under the default {@code plan_cache_mode}, ran a generic plan: a
   * prepared statement plans for its parameters' values five times, then keeps a generic plan
   * unless that looks dearer than the custom ones, in which case every execution is planned again.
   */
  public static long genericPlans(String schema, String sql, String arguments, int times) {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.execute("SET search_path TO " + schema);
      statement.execute("SET plan_cache_mode = auto");
      statement.execute("PREPARE planned AS " + sql);
      for (int i = 0; i < times; i++) {
        statement.executeQuery("EXECUTE planned(" + arguments + ")").close();
      }
      try (ResultSet rows =
          statement.executeQuery(
              "SELECT generic_plans FROM pg_prepared_statements WHERE name = 'planned'")) {
        rows.next();
        return rows.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs a statement in {@code schema}. */
  public static void execute(String schema, String sql) {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.execute("SET search_path TO " + schema);
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs a statement in another database of the same server (created by the test). */
  public static void executeIn(String database, String sql) {
    DatabaseUrl db = url();
    DatabaseUrl other = new DatabaseUrl(db.host(), db.port(), database, db.user(), db.password());
    try (Connection connection = connect(other);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A connection of its own, e.g. to hold a lock across a test's steps; the caller closes it. */
  public static Connection connect() throws SQLException {
    return connect(url());
  }

  private static Connection connect(DatabaseUrl db) throws SQLException {
    return DriverManager.getConnection(
        db.jdbcUrl(), db.user(), db.password() == null ? "" : db.password());
  }

  private static DatabaseUrl startEmbedded() {
    try {
      EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      postgres.close();
                    } catch (IOException e) {
                      // the JVM is exiting; nothing left to tell
                    }
                  }));
      return new DatabaseUrl("localhost", postgres.getPort(), "postgres", "postgres", null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
