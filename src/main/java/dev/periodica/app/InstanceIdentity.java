package dev.periodica.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

/** The stable id of this instance: configured, or generated once and kept in the data dir. */
final class InstanceIdentity {
  static final String FILE = "instance-id";

  private InstanceIdentity() {}

  static UUID resolve(Optional<UUID> configured, Path dataDir) {
    if (configured.isPresent()) {
      return configured.get();
    }
    Path file = dataDir.resolve(FILE);
    try {
      if (Files.exists(file)) {
        return UUID.fromString(Files.readString(file, StandardCharsets.UTF_8).trim());
      }
      Files.createDirectories(dataDir);
      UUID id = UUID.randomUUID();
      Files.writeString(file, id + "\n", StandardCharsets.UTF_8);
      return id;
    } catch (IOException e) {
      throw new UncheckedIOException("could not keep the instance id in " + file, e);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(file + " does not hold a uuid; delete it or set INSTANCE_ID");
    }
  }
}
