package dev.periodica.render;

import java.io.OutputStream;
import java.util.Locale;
import java.util.Optional;

/** The formats a table (a dataset export) is streamed in, and their writers. */
public enum TableFormat {
  /** RFC 4180, UTF-8, CRLF, a header row; NULL is an empty field, an empty text is {@code ""}. */
  CSV(ReportFormat.CSV),
  /** One JSON array of objects, one per row, keyed by column name. */
  JSON(ReportFormat.JSON),
  /**
   * An Excel workbook, a bold header row, numbers as numbers; past Excel's 1,048,576 rows the table
   * goes on in a new sheet, header repeated.
   */
  XLSX(ReportFormat.XLSX);

  private final ReportFormat file;

  TableFormat(ReportFormat file) {
    this.file = file;
  }

  public String extension() {
    return file.extension();
  }

  public String contentType() {
    return file.contentType();
  }

  /** The formats' names, the default ({@code csv}) first: what an export's format accepts. */
  public static java.util.List<String> names() {
    return java.util.Arrays.stream(values()).map(TableFormat::extension).toList();
  }

  /** The format named {@code name} ({@code csv}, {@code json}, {@code xlsx}, in any case). */
  public static Optional<TableFormat> of(String name) {
    for (TableFormat format : values()) {
      if (format.extension().equals(name.toLowerCase(Locale.ROOT))) {
        return Optional.of(format);
      }
    }
    return Optional.empty();
  }

  /** A writer of this format into {@code out}, which it never closes. */
  public TableWriter writer(OutputStream out) {
    return switch (this) {
      case CSV -> new CsvTableWriter(out);
      case JSON -> new JsonTableWriter(out);
      case XLSX -> new XlsxTableWriter(out, XlsxTableWriter.ROWS_PER_SHEET);
    };
  }
}
