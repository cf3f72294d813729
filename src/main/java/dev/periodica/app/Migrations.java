package dev.periodica.app;

import dev.periodica.config.DatabaseUrl;
import org.flywaydb.core.Flyway;

/** Brings the schema up to date with Flyway over JDBC, once, before the pool opens. */
final class Migrations {
  private Migrations() {}

  static void migrate(DatabaseUrl url, String schema) {
    Flyway.configure()
        .dataSource(url.jdbcUrl(), url.user(), url.password())
        .schemas(schema)
        .defaultSchema(schema)
        .createSchemas(true)
        .locations("classpath:db/migration")
        .load()
        .migrate();
  }
}
