package dev.periodica.job;

import dev.periodica.run.RunFile;
import dev.periodica.run.RunFiles;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
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
 * on a worker thread, never on an event loop. A file too large for memory (an export) is written
 * through a {@link Draft} as it is produced.
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
    Draft draft = open(runId, name, contentType, Long.MAX_VALUE);
    try {
      draft.out().write(content);
      return draft.commit();
    } catch (IOException | RuntimeException e) {
      draft.discard();
      throw e;
    }
  }

  /**
   * Starts the file of run {@code runId}, to be written through {@link Draft#out()}: it stays a
   * hidden temporary file until {@link Draft#commit()} moves it into place. Blocking: call it, and
   * everything on the draft, off the event loop. Writing more than {@code maxBytes} fails with
   * {@link TooLarge}.
   */
  public Draft open(long runId, String name, String contentType, long maxBytes) throws IOException {
    Path directory = root.resolve(Long.toString(runId / 1000));
    Files.createDirectories(directory);
    Path target = directory.resolve(FileNames.stored(runId + "-" + FileNames.clean(name)));
    Path temporary = directory.resolve("." + runId + "-" + System.nanoTime() + ".tmp");
    return new Draft(
        FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
        temporary,
        target,
        name,
        contentType,
        maxBytes);
  }

  /** Writing more than the file may take. */
  public static final class TooLarge extends IOException {
    TooLarge(long maxBytes) {
      super("the file passed " + maxBytes + " bytes");
    }
  }

  /**
   * A file being written: counted and hashed as it goes, then synced and renamed into place, or
   * discarded. One thread at a time.
   */
  public final class Draft {
    private final FileChannel channel;
    private final Path temporary;
    private final Path target;
    private final String name;
    private final String contentType;
    private final MessageDigest digest = sha256();
    private final OutputStream out;
    private long size;
    private boolean closed;

    private Draft(
        FileChannel channel,
        Path temporary,
        Path target,
        String name,
        String contentType,
        long maxBytes) {
      this.channel = channel;
      this.temporary = temporary;
      this.target = target;
      this.name = name;
      this.contentType = contentType;
      OutputStream file = Channels.newOutputStream(channel);
      OutputStream counted =
          new FilterOutputStream(file) {
            @Override
            public void write(int b) throws IOException {
              write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
              if (size + length > maxBytes) {
                throw new TooLarge(maxBytes);
              }
              file.write(bytes, offset, length);
              digest.update(bytes, offset, length);
              size += length;
            }
          };
      this.out = new BufferedOutputStream(counted, 64 * 1024);
    }

    /** Where the content goes (buffered); never close it, commit or discard the draft. */
    public OutputStream out() {
      return out;
    }

    /** Bytes that reached the file so far (not those still in the buffer). */
    public long size() {
      return size;
    }

    /** Flushes, syncs and moves the file into place; answers it as the run records it. */
    public RunFile commit() throws IOException {
      out.flush();
      channel.force(true);
      channel.close();
      closed = true;
      try {
        Files.move(
            temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
      }
      return new RunFile(
          name,
          root.relativize(target).toString(),
          size,
          contentType,
          HexFormat.of().formatHex(digest.digest()));
    }

    /** Drops the temporary file; never fails (a failure is logged). */
    public void discard() {
      try {
        if (!closed) {
          closed = true;
          channel.close();
        }
        Files.deleteIfExists(temporary);
      } catch (IOException e) {
        LOG.warn("the temporary file {} could not be removed", temporary, e);
      }
    }
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

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new UncheckedIOException(new IOException("SHA-256 is missing from this JVM", e));
    }
  }
}
