package dev.periodica.store;

import com.ongres.scram.common.ScramFunctions;
import com.ongres.scram.common.ScramMechanism;
import com.ongres.scram.common.StringPreparation;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Creates (or brings up to date) the login role that reads the datasets: it may log in, read every
 * table and view of the datasets schema (present and future ones created by the application's
 * login), and nothing else. Its password is generated once and kept in this database, so every
 * instance logs in alike; it reaches PostgreSQL only as a SCRAM verifier. Instances provisioning at
 * once are serialised by an advisory lock (and wait at most {@code lock_timeout}).
 *
 * <p>Only a role periodica created itself (marked by its comment) is ever adopted: a role of that
 * name made by someone else might own objects or hold rights that raw SQL must not borrow.
 *
 * <p>Role and schema names are checked SQL names from the configuration and the verifier is our own
 * text: the DDL below can only be built as text because PostgreSQL takes no parameters in it.
 */
public final class PgDatasetReaderRole {
  static final String MARKER = "periodica dataset reader";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String LOCK =
      """
      SELECT set_config('lock_timeout', '30s', true),
             pg_advisory_xact_lock(hashtext('periodica.dataset_reader'))
      """;
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
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '%1$s') THEN
          CREATE ROLE %1$s LOGIN NOINHERIT;
          COMMENT ON ROLE %1$s IS '%2$s';
        END IF;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN
        NULL; -- another instance created it at the same moment
      END
      $$
      """;
  private static final String STANDING =
      """
      SELECT coalesce(shobj_description(r.oid, 'pg_authid') = $2, false) AS ours,
             r.rolsuper OR r.rolcreaterole OR r.rolcreatedb OR r.rolreplication OR r.rolbypassrls
             OR EXISTS (SELECT 1 FROM pg_auth_members m WHERE m.member = r.oid) AS powerful
      FROM pg_roles r WHERE r.rolname = $1
      """;

  /**
   * Whether the current login can do more than read: a superuser, a role that may create roles or
   * bypass row security, or a member of one, or of a role that reads or writes server files,
   * signals other backends or reads every table.
   */
  private static final String CURRENT_LOGIN_POWERS =
      """
      SELECT r.rolsuper OR r.rolcreaterole OR r.rolbypassrls OR r.rolreplication
             OR EXISTS (
               SELECT 1 FROM pg_roles p
               WHERE p.oid <> r.oid AND pg_has_role(r.oid, p.oid, 'MEMBER')
                 AND (p.rolsuper OR p.rolcreaterole OR p.rolbypassrls
                      OR p.rolname IN ('pg_read_server_files', 'pg_write_server_files',
                                       'pg_execute_server_program', 'pg_signal_backend',
                                       'pg_read_all_data', 'pg_write_all_data'))) AS powerful
      FROM pg_roles r WHERE r.rolname = current_user
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
   * Whether {@code pool}'s login can do more than read (see {@link #CURRENT_LOGIN_POWERS}): such a
   * login is never lent to raw SQL.
   */
  public static Future<Boolean> loginMayDoMoreThanRead(Pool pool) {
    return pool.query(CURRENT_LOGIN_POWERS)
        .execute()
        .map(rows -> rows.iterator().next().getBoolean("powerful"));
  }

  /**
   * Answers the role's password once the role exists with exactly its rights. Fails when the
   * application's login may not create roles, or when a role of that name exists that periodica did
   * not create or that holds more power than reading.
   */
  public Future<String> provision() {
    return admin.withTransaction(
        connection ->
            connection
                .query(LOCK)
                .execute()
                .compose(locked -> connection.preparedQuery(STORED).execute(Tuple.of(role)))
                .compose(
                    stored ->
                        stored.size() == 1
                            ? setUp(
                                connection, stored.iterator().next().getString("password"), false)
                            : setUp(connection, newPassword(), true)));
  }

  private Future<String> setUp(SqlConnection connection, String password, boolean fresh) {
    return run(connection, CREATE_ROLE.formatted(role, MARKER))
        .compose(created -> connection.preparedQuery(STANDING).execute(Tuple.of(role, MARKER)))
        .compose(
            standing -> {
              Row row = standing.iterator().next();
              if (!row.getBoolean("ours")) {
                return Future.failedFuture(
                    new IllegalStateException(
                        "a role "
                            + role
                            + " exists that periodica did not create; choose another"
                            + " DATASETS_READER_ROLE"));
              }
              if (row.getBoolean("powerful")) {
                return Future.failedFuture(
                    new IllegalStateException(
                        "the role "
                            + role
                            + " has more rights than reading (superuser, member of another role,"
                            + " may create roles or databases)"));
              }
              return fresh
                  ? run(connection, LOGIN.formatted(role, scramVerifier(password)))
                  : Future.<Void>succeededFuture();
            })
        .compose(login -> run(connection, READ_ONLY.formatted(role)))
        .compose(readOnly -> run(connection, GRANTS.formatted(role, schema)))
        .compose(
            granted ->
                fresh
                    ? connection.preparedQuery(STORE).execute(Tuple.of(role, password)).mapEmpty()
                    : Future.<Void>succeededFuture())
        .map(done -> password);
  }

  private static Future<Void> run(SqlConnection connection, String sql) {
    return connection.query(sql).execute().mapEmpty();
  }

  private static String newPassword() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** How PostgreSQL stores a SCRAM-SHA-256 password: the server never sees the password itself. */
  static String scramVerifier(String password) {
    ScramMechanism sha256 = ScramMechanism.SCRAM_SHA_256;
    int iterations = 4096;
    byte[] salt = ScramFunctions.salt(16, RANDOM);
    byte[] salted =
        ScramFunctions.saltedPassword(
            sha256,
            StringPreparation.POSTGRESQL_PREPARATION,
            password.toCharArray(),
            salt,
            iterations);
    Base64.Encoder base64 = Base64.getEncoder();
    return "SCRAM-SHA-256$"
        + iterations
        + ":"
        + base64.encodeToString(salt)
        + "$"
        + base64.encodeToString(
            ScramFunctions.storedKey(sha256, ScramFunctions.clientKey(sha256, salted)))
        + ":"
        + base64.encodeToString(ScramFunctions.serverKey(sha256, salted));
  }
}
