package dev.periodica.app;

import dev.periodica.config.DatabaseUrl;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL the server runs when none is configured: its data lives in a directory that
 * survives restarts. As root, zonky runs it in a user namespace ({@code unshare -U}).
 */
final class EmbeddedDatabase implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
  private final EmbeddedPostgres postgres;

  private EmbeddedDatabase(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  static EmbeddedDatabase start(Path dataDirectory) {
    try {
      Files.createDirectories(dataDirectory);
      EmbeddedPostgres postgres =
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDirectory)
              .setCleanDataDirectory(false)
              .start();
      LOG.info("embedded PostgreSQL started port={} data={}", postgres.getPort(), dataDirectory);
      return new EmbeddedDatabase(postgres);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "could not start the embedded PostgreSQL in " + dataDirectory, e);
    }
  }

  DatabaseUrl url() {
    return new DatabaseUrl("localhost", postgres.getPort(), "postgres", "postgres", null);
  }

  @Override
  public void close() {
    try {
      postgres.close();
      LOG.info("embedded PostgreSQL stopped");
    } catch (IOException e) {
      LOG.warn("embedded PostgreSQL did not stop cleanly", e);
    }
  }
}
