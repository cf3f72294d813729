package dev.periodica.render;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/** Renders report results as XLSX with fastexcel: one sheet per series, a bold header row. */
final class XlsxRenderer {
  static final int MAX_SHEET_NAME = 31;

  private XlsxRenderer() {}

  static byte[] render(List<SeriesResult> results) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      Workbook workbook = new Workbook(out, "periodica", "1.0");
      Set<String> names = new HashSet<>();
      if (results.stream().allMatch(result -> result.columns().isEmpty())) {
        workbook.newWorksheet("Report").value(0, 0, "No data for this period");
      }
      for (SeriesResult result : results) {
        if (result.columns().isEmpty()) {
          continue; // a text or image widget: nothing tabular to give
        }
        write(workbook.newWorksheet(sheetName(result, names)), result.columns(), result.rows());
      }
      workbook.finish();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One table on one sheet named {@code name} (cut to Excel's rules), a bold header row. */
  static byte[] table(String name, List<String> columns, List<JsonObject> rows) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      Workbook workbook = new Workbook(out, "periodica", "1.0");
      String base = name.replaceAll("[\\[\\]:*?/\\\\]", "_");
      String sheetName =
          base.isBlank() ? "export" : base.substring(0, Math.min(base.length(), MAX_SHEET_NAME));
      write(workbook.newWorksheet(sheetName), columns, rows);
      workbook.finish();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Worksheet sheet, List<String> columns, List<JsonObject> rows) {
    for (int c = 0; c < columns.size(); c++) {
      sheet.value(0, c, columns.get(c));
      sheet.style(0, c).bold().set();
    }
    int r = 1;
    for (JsonObject row : rows) {
      for (int c = 0; c < columns.size(); c++) {
        Object value = row.getValue(columns.get(c));
        if (value instanceof Number number) {
          sheet.value(r, c, number);
        } else if (value instanceof Boolean flag) {
          sheet.value(r, c, flag);
        } else if (value != null) {
          sheet.value(r, c, String.valueOf(value));
        }
      }
      r++;
    }
  }

  /** Excel's rules: at most 31 characters, none of []:*?/\, and unique within the workbook. */
  private static String sheetName(SeriesResult result, Set<String> taken) {
    String base =
        (result.page() + ". " + result.widget() + " - " + result.series())
            .replaceAll("[\\[\\]:*?/\\\\]", "_");
    String name = base.length() > MAX_SHEET_NAME ? base.substring(0, MAX_SHEET_NAME) : base;
    int suffix = 2;
    while (!taken.add(name.toLowerCase(java.util.Locale.ROOT))) {
      String tail = " (" + suffix++ + ")";
      name = base.substring(0, Math.min(base.length(), MAX_SHEET_NAME - tail.length())) + tail;
    }
    return name;
  }
}
