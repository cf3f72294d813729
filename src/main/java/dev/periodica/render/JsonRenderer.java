package dev.periodica.render;

import dev.periodica.common.Timestamps;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A report as JSON: {@code fire_time}, {@code report} (its title) and {@code series}, one entry per
 * block in order with its {@code page}, {@code widget}, {@code series}, {@code columns} and {@code
 * rows} (objects keyed by column, written as {@link JsonTableWriter} writes them, one per line).
 */
public final class JsonRenderer implements StreamingRenderer {
  @Override
  public ReportFormat format() {
    return ReportFormat.JSON;
  }

  @Override
  public ReportStream open(ReportDocument document, OutputStream stream) throws IOException {
    Writer out =
        new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 64 * 1024);
    StringBuilder head = new StringBuilder("{\"fire_time\":");
    JsonText.appendString(head, Timestamps.format(document.fireTime()));
    head.append(",\n\"report\":");
    JsonText.appendString(head, document.title());
    head.append(",\n\"series\":[");
    out.append(head);
    return new ReportStream() {
      private boolean any;

      @Override
      public TableWriter block(Block block) throws IOException {
        StringBuilder entry = new StringBuilder(any ? ",\n{\"page\":" : "\n{\"page\":");
        any = true;
        entry.append(block.origin().page()).append(",\"widget\":");
        JsonText.appendString(entry, block.origin().widget());
        entry.append(",\"series\":");
        JsonText.appendString(entry, block.origin().series());
        out.append(entry);
        JsonTableWriter rows = new JsonTableWriter(out);
        return new TableWriter() {
          @Override
          public void columns(List<String> names) throws IOException {
            StringBuilder columns = new StringBuilder(",\"columns\":[");
            for (int i = 0; i < names.size(); i++) {
              if (i > 0) {
                columns.append(',');
              }
              JsonText.appendString(columns, names.get(i));
            }
            out.append(columns).append("],\"rows\":");
            rows.columns(names);
          }

          @Override
          public void row(List<?> values) throws IOException {
            rows.row(values);
          }

          @Override
          public void finish() throws IOException {
            rows.finish();
            out.write('}');
          }
        };
      }

      @Override
      public void finish() throws IOException {
        out.write(any ? "\n]}\n" : "]}\n");
        out.flush();
      }
    };
  }
}
