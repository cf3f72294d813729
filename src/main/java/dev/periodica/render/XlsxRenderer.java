package dev.periodica.render;

import java.io.IOException;
import java.io.OutputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dhatim.fastexcel.Workbook;

/**
 * A report as an XLSX workbook (fastexcel), streamed: one sheet per block with data, named {@code
 * <page>. <widget> - <series>} (cut to Excel's rules), a bold header row, cells as {@link
 * XlsxTableWriter} writes them; a report without any data is one sheet saying so.
 */
public final class XlsxRenderer implements StreamingRenderer {
  @Override
  public ReportFormat format() {
    return ReportFormat.XLSX;
  }

  @Override
  public ReportStream open(ReportDocument document, OutputStream out) {
    Workbook workbook = new Workbook(out, "periodica", "1.0");
    Set<String> taken = new HashSet<>();
    return new ReportStream() {
      private boolean sheets;

      @Override
      public TableWriter block(Block block) {
        Block.Origin origin = block.origin();
        XlsxTableWriter sheet =
            new XlsxTableWriter(
                workbook,
                origin.page() + ". " + origin.widget() + " - " + origin.series(),
                taken,
                XlsxTableWriter.ROWS_PER_SHEET);
        return new TableWriter() {
          private boolean tabular;

          @Override
          public void columns(List<String> names) throws IOException {
            // a text or image widget: nothing tabular to give
            tabular = !names.isEmpty();
            if (tabular) {
              sheets = true;
              sheet.columns(names);
            }
          }

          @Override
          public void row(List<?> values) throws IOException {
            sheet.row(values);
          }

          @Override
          public void finish() throws IOException {
            if (tabular) {
              sheet.finish();
            }
          }
        };
      }

      @Override
      public void finish() throws IOException {
        if (!sheets) {
          workbook.newWorksheet("Report").value(0, 0, "No data for this period");
        }
        workbook.finish();
      }
    };
  }
}
