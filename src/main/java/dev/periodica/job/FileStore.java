package dev.periodica.job;

import dev.periodica.run.RunFile;
import dev.periodica.run.RunFiles;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Stores report files under a directory (an NFS mount in production): written to a temporary file,
 * synced, then renamed into place, so a reader never sees half a file. The blocking file work runs
 * on a worker thread, never on an event loop.
 */
public final class FileStore implements RunFiles {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FileStore.class);
  private final Vertx vertx;
  private final Path root;

  public FileStore(Vertx vertx, Path root) {
    this.vertx = vertx;
    this.root = root;
  }

  /**
   * Stores {@code content} as the file of run {@code runId}, named {@code name} for download. A
   * failure says what failed without the server's paths (they go to the log), since its message
   * reaches the run's error, which users read.
   */
  public Future<RunFile> store(long runId, String name, String contentType, byte[] content) {
    return vertx
        .executeBlocking(() -> write(runId, name, contentType, content), false)
        .recover(
            failure -> {
              LOG.error("the file of run {} could not be stored under {}", runId, root, failure);
              return Future.failedFuture(new IOException(withoutPath(failure)));
            });
  }

  /** What went wrong, in words that name no path. */
  static String withoutPath(Throwable failure) {
    if (failure instanceof FileSystemException fileSystem) {
      if (fileSystem.getReason() != null && !fileSystem.getReason().isBlank()) {
        return fileSystem.getReason();
      }
      if (failure instanceof NoSuchFileException) {
        return "a directory of the file storage is missing";
      }
      if (failure instanceof FileAlreadyExistsException) {
        return "a file is in the way of a directory of the file storage";
      }
      if (failure instanceof AccessDeniedException) {
        return "permission denied";
      }
      return "the file system refused the file";
    }
    String message = failure.getMessage();
    return message == null || message.isBlank() || message.contains("/") || message.contains("\\")
        ? "an input/output error"
        : message;
  }

  private RunFile write(long runId, String name, String contentType, byte[] content)
      throws IOException {
    Path directory = root.resolve(Long.toString(runId / 1000));
    Files.createDirectories(directory);
    Path target = directory.resolve(FileNames.stored(runId + "-" + FileNames.clean(name)));
    Path temporary = directory.resolve("." + runId + "-" + System.nanoTime() + ".tmp");
    try (OutputStream out =
        Files.newOutputStream(
            temporary,
            StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE,
            StandardOpenOption.SYNC)) {
      out.write(content);
    }
    try {
      Files.move(
          temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
    }
    return new RunFile(
        name, root.relativize(target).toString(), content.length, contentType, sha256(content));
  }

  @Override
  public Future<Void> remove(java.util.List<String> paths) {
    if (paths.isEmpty()) {
      return Future.succeededFuture();
    }
    return vertx.executeBlocking(
        () -> {
          for (String stored : paths) {
            Path path = root.resolve(stored).normalize();
            if (path.startsWith(root.normalize())) {
              Files.deleteIfExists(path);
            }
          }
          return null;
        },
        false);
  }

  /** Where a stored file is, or null when its path would leave the storage directory. */
  public Path locate(RunFile file) {
    Path path = root.resolve(file.path()).normalize();
    return path.startsWith(root.normalize()) ? path : null;
  }

  private static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new UncheckedIOException(new IOException("SHA-256 is missing from this JVM", e));
    }
  }
}
