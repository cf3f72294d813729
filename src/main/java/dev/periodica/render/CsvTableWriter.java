package dev.periodica.render;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import de.siegmar.fastcsv.writer.QuoteStrategies;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A table as RFC 4180 CSV in UTF-8 (fastcsv): a header row, CRLF line ends, fields quoted only when
 * they must be. A NULL is an empty field and an empty text a quoted one ({@code ""}), as
 * PostgreSQL's own CSV tells them apart.
 */
final class CsvTableWriter implements TableWriter {
  private final CsvWriter csv;

  CsvTableWriter(OutputStream out) {
    this.csv =
        CsvWriter.builder()
            .lineDelimiter(LineDelimiter.CRLF)
            .quoteStrategy(QuoteStrategies.EMPTY)
            .build(out, StandardCharsets.UTF_8);
  }

  @Override
  public void columns(List<String> names) throws IOException {
    csv.writeRecord(names);
  }

  @Override
  public void row(List<?> values) throws IOException {
    CsvWriter.CsvWriterRecord record = csv.writeRecord();
    for (Object value : values) {
      record.writeField(CellText.of(value));
    }
    record.endRecord();
  }

  @Override
  public void finish() throws IOException {
    csv.flush();
  }
}
