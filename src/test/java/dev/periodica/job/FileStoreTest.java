package dev.periodica.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periodica.run.RunFile;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Report files on disk: names any file system takes, and failures that keep server paths out. */
class FileStoreTest {
  private static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    vertx.close();
  }

  private static int utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  @Test
  void a_long_non_latin_name_is_stored_under_a_short_enough_name_and_kept_whole_for_download()
      throws Exception {
    Path root = Files.createTempDirectory("periodica-files");
    String name = "報".repeat(120) + ".pdf";

    RunFile file =
        new FileStore(vertx, root)
            .store(123_456_789L, name, "application/pdf", new byte[] {1, 2, 3})
            .toCompletionStage()
            .toCompletableFuture()
            .get();

    Path stored = root.resolve(file.path());
    assertThat(file.name()).isEqualTo(name);
    assertThat(Files.readAllBytes(stored)).containsExactly(1, 2, 3);
    assertThat(utf8(stored.getFileName().toString())).isLessThanOrEqualTo(FileNames.MAX_BYTES);
    assertThat(stored.getFileName().toString()).startsWith("123456789-報").endsWith(".pdf");
  }

  @Test
  void a_storage_failure_says_what_failed_without_the_server_path() throws Exception {
    Path parent = Files.createTempDirectory("periodica-files");
    Path notADirectory = Files.writeString(parent.resolve("plain-file"), "x");
    Path root = notADirectory.resolve("reports");

    ExecutionException failure =
        org.junit.jupiter.api.Assertions.assertThrows(
            ExecutionException.class,
            () ->
                new FileStore(vertx, root)
                    .store(7, "report.csv", "text/csv", new byte[] {1})
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get());

    String message = failure.getCause().getMessage();
    assertThat(message).isNotBlank().doesNotContain(parent.toString()).doesNotContain("/");
    assertThat(message).containsIgnoringCase("directory");
  }
}
