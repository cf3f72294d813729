package dev.periodica.report;

import java.text.Normalizer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Names report files from the report's {@code name_mask}: tokens {@code {report}}, {@code {date}},
 * {@code {time}}, {@code {from}} and {@code {to}}, then made safe for every file system.
 */
public final class FileNames {
  static final int MAX_LENGTH = 120;
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HHmmss").withZone(ZoneOffset.UTC);

  private FileNames() {}

  /** The download name of a report file (extension included). */
  public static String of(
      String mask, String report, Instant fireTime, Period period, String extension) {
    String base = mask == null || mask.isBlank() ? "{report}-{date}-{time}" : mask;
    String name =
        base.replace("{report}", report)
            .replace("{date}", DATE.format(fireTime))
            .replace("{time}", TIME.format(fireTime))
            .replace("{from}", period == null ? "" : DATE.format(period.from()))
            .replace("{to}", period == null ? "" : DATE.format(period.to()));
    return safe(name) + "." + extension;
  }

  /**
   * Keeps letters (any script), digits, spaces, dots, dashes and underscores; everything else, path
   * separators and control characters first, becomes {@code _}. Never empty, never hidden.
   */
  public static String safe(String name) {
    String normalized = Normalizer.normalize(name, Normalizer.Form.NFC);
    StringBuilder safe = new StringBuilder();
    normalized
        .codePoints()
        .forEach(
            c ->
                safe.appendCodePoint(
                    Character.isLetterOrDigit(c) || c == ' ' || c == '.' || c == '-' || c == '_'
                        ? c
                        : '_'));
    String result = safe.toString().strip().replaceAll("^\\.+", "_");
    if (result.isEmpty()) {
      result = "report";
    }
    return result.length() > MAX_LENGTH ? result.substring(0, MAX_LENGTH) : result;
  }
}
