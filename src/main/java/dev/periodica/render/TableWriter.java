package dev.periodica.render;

import java.io.IOException;
import java.util.List;

/**
 * Writes one table (a dataset export) into an output stream as it comes: the column names, then row
 * after row, holding no more than a format needs to finish its current piece. Blocking: call it on
 * a worker thread, one call at a time. It never closes the stream it writes to.
 *
 * <p>Values are the plain ones of a streamed query: null, text, booleans, numbers, {@code
 * java.time} values (written as ISO-8601: timestamps with time zone in UTC with microseconds and
 * {@code Z}), Vert.x JSON values and lists.
 */
public interface TableWriter {
  /** The header; called once, before any row. */
  void columns(List<String> names) throws IOException;

  /** One row, its values in the order of the columns. */
  void row(List<?> values) throws IOException;

  /** Ends the document and flushes it into the stream. */
  void finish() throws IOException;
}
