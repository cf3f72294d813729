package dev.periodica.render;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * A table as an XLSX workbook (fastexcel), streamed: rows are flushed into the file every {@link
 * #FLUSH_ROWS}, and text is written inline (a shared-string table would grow with the rows). A
 * sheet holds Excel's 1,048,576 rows, header included; further rows go on in a new sheet ({@code
 * export (2)}, …) under the same header.
 *
 * <p>Numbers are number cells when Excel holds them exactly (integers up to 2^53, decimals of up to
 * 15 significant digits, finite floats); others are text, so no digit is lost. Timestamps are
 * ISO-8601 text, as in the other formats. Text is cut at Excel's 32,767 characters per cell, and
 * characters XML cannot hold (most control characters) are left out.
 */
final class XlsxTableWriter implements TableWriter {
  /** Data rows per sheet: Excel's limit less the header row. */
  static final int ROWS_PER_SHEET = Worksheet.MAX_ROWS - 1;

  static final int MAX_CELL_TEXT = 32_767;
  static final int MAX_SHEET_NAME = 31;
  static final String SHEET = "export";
  private static final int FLUSH_ROWS = 1000;
  private static final long EXACT_LONG = 1L << 53;

  private final Workbook workbook;
  private final boolean ownsWorkbook;
  private final String baseName;
  private final Set<String> taken;
  private final int rowsPerSheet;
  private List<String> names;
  private Worksheet sheet;
  private int row;

  /**
   * A workbook of one table in {@code out}, its sheets named {@code export}, {@code export (2)}…
   */
  XlsxTableWriter(OutputStream out, int rowsPerSheet) {
    this(new Workbook(out, "periodica", "1.0"), true, SHEET, new HashSet<>(), rowsPerSheet);
  }

  /**
   * One table in {@code workbook}, shared with other tables: its sheets are named after {@code
   * baseName} (see {@link #sheetName}), unlike the names in {@code taken}; finishing it finishes
   * its last sheet, not the workbook.
   */
  XlsxTableWriter(Workbook workbook, String baseName, Set<String> taken, int rowsPerSheet) {
    this(workbook, false, baseName, taken, rowsPerSheet);
  }

  private XlsxTableWriter(
      Workbook workbook,
      boolean ownsWorkbook,
      String baseName,
      Set<String> taken,
      int rowsPerSheet) {
    this.workbook = workbook;
    this.ownsWorkbook = ownsWorkbook;
    this.baseName = baseName;
    this.taken = taken;
    this.rowsPerSheet = rowsPerSheet;
  }

  /**
   * Excel's rules for a sheet name: at most 31 characters, none of {@code []:*?/\}, not blank, and
   * unique within the workbook (case-insensitively): {@code name (2)}, {@code name (3)}… when
   * taken.
   */
  static String sheetName(String wanted, Set<String> taken) {
    String base = wanted.replaceAll("[\\[\\]:*?/\\\\]", "_");
    if (base.isBlank()) {
      base = "sheet";
    }
    String name = base.length() > MAX_SHEET_NAME ? base.substring(0, MAX_SHEET_NAME) : base;
    int suffix = 2;
    while (!taken.add(name.toLowerCase(Locale.ROOT))) {
      String tail = " (" + suffix++ + ")";
      name = base.substring(0, Math.min(base.length(), MAX_SHEET_NAME - tail.length())) + tail;
    }
    return name;
  }

  @Override
  public void columns(List<String> columns) throws IOException {
    this.names = List.copyOf(columns);
    newSheet();
  }

  private void newSheet() throws IOException {
    if (sheet != null) {
      sheet.finish();
    }
    sheet = workbook.newWorksheet(sheetName(baseName, taken));
    for (int c = 0; c < names.size(); c++) {
      sheet.inlineString(0, c, text(names.get(c)));
      sheet.style(0, c).bold().set();
    }
    row = 0;
  }

  @Override
  public void row(List<?> values) throws IOException {
    if (row == rowsPerSheet) {
      newSheet();
    }
    row++;
    for (int c = 0; c < values.size(); c++) {
      cell(c, values.get(c));
    }
    if (row % FLUSH_ROWS == 0) {
      sheet.flush();
    }
  }

  private void cell(int c, Object value) {
    if (value == null) {
      return;
    }
    if (value instanceof Boolean flag) {
      sheet.value(row, c, flag);
    } else if (value instanceof Number number && exact(number)) {
      sheet.value(row, c, number instanceof BigDecimal decimal ? decimal.doubleValue() : number);
    } else {
      sheet.inlineString(row, c, text(CellText.of(value)));
    }
  }

  /** Whether Excel (a double) holds {@code number} without losing a digit. */
  private static boolean exact(Number number) {
    if (number instanceof Integer || number instanceof Short || number instanceof Byte) {
      return true;
    }
    if (number instanceof Long whole) {
      return Math.abs(whole) <= EXACT_LONG;
    }
    if (number instanceof Double || number instanceof Float) {
      return CellText.isFiniteNumber(number);
    }
    if (number instanceof BigDecimal decimal) {
      double approximate = decimal.doubleValue();
      return Double.isFinite(approximate)
          && decimal.stripTrailingZeros().precision() <= 15
          && new BigDecimal(Double.toString(approximate)).compareTo(decimal) == 0;
    }
    return false;
  }

  private static String text(String value) {
    if (value.length() <= MAX_CELL_TEXT) {
      return value;
    }
    int end = MAX_CELL_TEXT;
    if (Character.isHighSurrogate(value.charAt(end - 1))) {
      end--; // never split a character in two
    }
    return value.substring(0, end);
  }

  @Override
  public void finish() throws IOException {
    if (sheet == null) {
      names = List.of();
      newSheet();
    }
    sheet.finish();
    if (ownsWorkbook) {
      workbook.finish();
    }
  }
}
