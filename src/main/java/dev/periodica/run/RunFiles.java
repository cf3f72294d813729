package dev.periodica.run;

import io.vertx.core.Future;
import java.util.List;

/** Where run files are kept; retention removes the files of the runs it deletes. */
public interface RunFiles {
  /**
   * Removes the stored files at {@code paths} (as recorded on their runs); missing ones are fine.
   */
  Future<Void> remove(List<String> paths);
}
