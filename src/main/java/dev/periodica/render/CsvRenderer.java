package dev.periodica.render;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import de.siegmar.fastcsv.writer.QuoteStrategies;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A report as one CSV table (RFC 4180, UTF-8, CRLF): a header of {@code page}, {@code widget},
 * {@code series} and every column of every block (in order of first appearance), then each row
 * tagged with its block's page, widget and series, empty in the columns its block does not have.
 * Values as in {@link CsvTableWriter}: NULL an empty field, an empty text {@code ""}.
 */
public final class CsvRenderer implements StreamingRenderer {
  @Override
  public ReportFormat format() {
    return ReportFormat.CSV;
  }

  @Override
  public ReportStream open(ReportDocument document, OutputStream out) throws IOException {
    Set<String> union = new LinkedHashSet<>();
    document.blocks().forEach(block -> union.addAll(block.data().columns()));
    List<String> columns = List.copyOf(union);
    CsvWriter csv =
        CsvWriter.builder()
            .lineDelimiter(LineDelimiter.CRLF)
            .quoteStrategy(QuoteStrategies.EMPTY)
            .build(out, StandardCharsets.UTF_8);
    List<String> header = new ArrayList<>(List.of("page", "widget", "series"));
    header.addAll(columns);
    csv.writeRecord(header);
    return new ReportStream() {
      @Override
      public TableWriter block(Block block) {
        return new Rows(csv, block, columns);
      }

      @Override
      public void finish() throws IOException {
        csv.flush();
      }
    };
  }

  /** One block's rows, each value under its column of the header. */
  private static final class Rows implements TableWriter {
    private final CsvWriter csv;
    private final String page;
    private final Block.Origin origin;
    private final List<String> own;
    private final List<String> header;
    private int[] from;

    Rows(CsvWriter csv, Block block, List<String> header) {
      this.csv = csv;
      this.origin = block.origin();
      this.page = Integer.toString(origin.page());
      this.own = block.data().columns();
      this.header = header;
    }

    /**
     * Where each header column's value is in a row: by the block's own columns, position for
     * position, when the rows come with as many (they are the same query's); else by name.
     */
    @Override
    public void columns(List<String> names) {
      List<String> by = names.size() == own.size() ? own : names;
      from = new int[header.size()];
      for (int i = 0; i < header.size(); i++) {
        from[i] = by.indexOf(header.get(i));
      }
    }

    @Override
    public void row(List<?> values) {
      CsvWriter.CsvWriterRecord record = csv.writeRecord();
      record.writeField(page).writeField(origin.widget()).writeField(origin.series());
      for (int index : from) {
        record.writeField(
            index < 0 || index >= values.size() ? null : CellText.of(values.get(index)));
      }
      record.endRecord();
    }

    @Override
    public void finish() {}
  }
}
