package dev.periodica.render;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The registry of the file formats a report run can produce: their names (what {@code
 * params.format} and a preview's {@code format} accept, the job's params schema in {@code GET
 * /jobs}, the contract's enums, and the error texts name), content types, and the one renderer
 * class of each ({@link PdfRenderer}, {@link CsvRenderer}, {@link XlsxRenderer}, {@link
 * JsonRenderer}).
 */
public enum ReportFormat {
  PDF("pdf", "application/pdf"),
  CSV("csv", "text/csv; charset=utf-8"),
  XLSX("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
  JSON("json", "application/json");

  private final String extension;
  private final String contentType;

  ReportFormat(String extension, String contentType) {
    this.extension = extension;
    this.contentType = contentType;
  }

  public String extension() {
    return extension;
  }

  public String contentType() {
    return contentType;
  }

  /** The formats' names, the default ({@code pdf}) first: what {@code params.format} accepts. */
  public static List<String> names() {
    return Arrays.stream(values()).map(ReportFormat::extension).toList();
  }

  /** "format should be one of pdf, csv, xlsx, json", {@code what} naming the parameter. */
  public static String oneOf(String what) {
    return what + " should be one of " + String.join(", ", names());
  }

  public static Optional<ReportFormat> of(String name) {
    for (ReportFormat format : values()) {
      if (format.extension.equals(name.toLowerCase(Locale.ROOT))) {
        return Optional.of(format);
      }
    }
    return Optional.empty();
  }

  /**
   * The renderer of this format; a PDF in the fonts of {@code fonts}, stopping at {@code maxPages}
   * pages (the others have no pages).
   */
  public ReportRenderer renderer(ReportFonts fonts, int maxPages) {
    return this == PDF ? new PdfRenderer(fonts, maxPages) : streaming().orElseThrow();
  }

  /** The renderer of a format written as its rows arrive (CSV, XLSX, JSON); empty for PDF. */
  public Optional<StreamingRenderer> streaming() {
    return switch (this) {
      case PDF -> Optional.empty();
      case CSV -> Optional.of(new CsvRenderer());
      case XLSX -> Optional.of(new XlsxRenderer());
      case JSON -> Optional.of(new JsonRenderer());
    };
  }
}
