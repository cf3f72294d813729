package dev.periodica.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Creates (or brings up to date) the login role that reads the datasets: it may log in, read every
 * table and view of the datasets schema (present and future ones created by the application's
 * login), and nothing else. Its password is generated once and kept in this database, so every
 * instance logs in alike. Instances provisioning at once are serialised by an advisory lock.
 *
 * <p>Role and schema names are checked SQL names from the configuration; the password is our own
 * hex: the DDL below can only be built as text because PostgreSQL takes no parameters in it.
 */
public final class PgDatasetReaderRole {
  private static final String LOCK =
      "SELECT pg_advisory_xact_lock(hashtext('periodica.dataset_reader'))";
  private static final String STORED =
      """
      SELECT password FROM dataset_reader_credentials WHERE role = $1
      """;
  private static final String STORE =
      """
      INSERT INTO dataset_reader_credentials (role, password) VALUES ($1, $2)
      ON CONFLICT (role) DO UPDATE SET password = EXCLUDED.password
      """;
  private static final String CREATE_ROLE =
      """
      DO $$
      BEGIN
        CREATE ROLE %1$s LOGIN NOINHERIT CONNECTION LIMIT 64;
      EXCEPTION WHEN duplicate_object THEN NULL;
      END
      $$
      """;
  private static final String POWERS =
      """
      SELECT rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls
             OR EXISTS (SELECT 1 FROM pg_auth_members m WHERE m.member = r.oid) AS powerful
      FROM pg_roles r WHERE rolname = $1
      """;
  private static final String LOGIN = "ALTER ROLE %1$s LOGIN PASSWORD '%2$s'";
  private static final String READ_ONLY = "ALTER ROLE %1$s SET default_transaction_read_only = on";
  private static final String GRANTS =
      """
      SET LOCAL client_min_messages = warning;
      CREATE SCHEMA IF NOT EXISTS %2$s;
      GRANT USAGE ON SCHEMA %2$s TO %1$s;
      GRANT SELECT ON ALL TABLES IN SCHEMA %2$s TO %1$s;
      ALTER DEFAULT PRIVILEGES IN SCHEMA %2$s GRANT SELECT ON TABLES TO %1$s
      """;

  private final Pool admin;
  private final String role;
  private final String schema;

  /** {@code admin}: the application's own pool, whose login may create roles. */
  public PgDatasetReaderRole(Pool admin, String role, String schema) {
    this.admin = admin;
    this.role = role;
    this.schema = schema;
  }

  /**
   * Answers the role's password once the role exists with exactly its rights. Fails when the
   * application's login may not create roles, or when a role of that name already holds more power
   * than reading (a superuser, a member of another role, …): periodica never lends such a login to
   * raw SQL.
   */
  public Future<String> provision() {
    return admin.withTransaction(
        connection ->
            connection
                .query(LOCK)
                .execute()
                .compose(locked -> connection.preparedQuery(STORED).execute(Tuple.of(role)))
                .compose(
                    stored -> {
                      String password =
                          stored.size() == 1
                              ? stored.iterator().next().getString("password")
                              : newPassword();
                      return setUp(connection, password).map(done -> password);
                    }));
  }

  private Future<Void> setUp(SqlConnection connection, String password) {
    return run(connection, CREATE_ROLE.formatted(role))
        .compose(created -> connection.preparedQuery(POWERS).execute(Tuple.of(role)))
        .compose(
            powers -> {
              Row row = powers.iterator().next();
              if (row.getBoolean("powerful")) {
                return Future.failedFuture(
                    new IllegalStateException(
                        "the role "
                            + role
                            + " exists with more rights than reading (superuser, member of"
                            + " another role, may create roles or databases); choose another"
                            + " DATASETS_READER_ROLE"));
              }
              return run(connection, LOGIN.formatted(role, password));
            })
        .compose(login -> run(connection, READ_ONLY.formatted(role)))
        .compose(readOnly -> run(connection, GRANTS.formatted(role, schema)))
        .compose(
            granted ->
                connection.preparedQuery(STORE).execute(Tuple.of(role, password)).mapEmpty());
  }

  private static Future<Void> run(SqlConnection connection, String sql) {
    return connection.query(sql).execute().mapEmpty();
  }

  private static String newPassword() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
