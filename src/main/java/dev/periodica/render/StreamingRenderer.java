package dev.periodica.render;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * A renderer of a tabular format (CSV, XLSX, JSON) that writes a report as its rows arrive, so that
 * an output of any size never sits whole in memory: {@link #open} takes the document's structure
 * (its blocks, with their columns; rows may be left out), then each block's rows are written
 * through {@link ReportStream#block}. Rendering a document that holds its rows goes the same way.
 */
public interface StreamingRenderer extends ReportRenderer {
  /** Starts the output of {@code document} into {@code out}. */
  ReportStream open(ReportDocument document, OutputStream out) throws IOException;

  @Override
  default void render(ReportDocument document, OutputStream out) throws IOException {
    ReportStream stream = open(document, out);
    for (Block block : document.blocks()) {
      TableWriter writer = stream.block(block);
      writer.columns(block.data().columns());
      for (List<Object> row : block.data().rows()) {
        writer.row(row);
      }
      writer.finish();
    }
    stream.finish();
  }

  /** A report being written. One thread at a time. */
  interface ReportStream {
    /**
     * Starts the next block of the document (every block, in document order): its columns and rows
     * are written through the writer answered, which is finished before the next block starts. A
     * block without data (text, image) is given no rows.
     */
    TableWriter block(Block block) throws IOException;

    /** Ends the output and flushes it into the stream. */
    void finish() throws IOException;
  }
}
