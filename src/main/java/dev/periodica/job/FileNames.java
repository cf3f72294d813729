package dev.periodica.job;

import dev.periodica.dataset.Period;
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
  static final int MAX_BYTES = 200;
  private static final int MAX_EXTENSION = 10;
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
   * The name a file is stored under: {@code name} (already {@link #clean}) within {@link
   * #MAX_BYTES} bytes of UTF-8, since file systems count a name's bytes (255 at most on most) and a
   * CJK character takes three; cut on a code point boundary before the extension, which it keeps.
   */
  static String stored(String name) {
    if (utf8Length(name) <= MAX_BYTES) {
      return name;
    }
    int dot = name.lastIndexOf('.');
    String extension = dot > 0 && name.length() - dot <= MAX_EXTENSION ? name.substring(dot) : "";
    int budget = MAX_BYTES - utf8Length(extension);
    StringBuilder kept = new StringBuilder();
    int bytes = 0;
    for (int i = 0; i < name.length() - extension.length(); ) {
      int codePoint = name.codePointAt(i);
      int size = utf8Length(codePoint);
      if (bytes + size > budget) {
        break;
      }
      kept.appendCodePoint(codePoint);
      bytes += size;
      i += Character.charCount(codePoint);
    }
    return kept + extension;
  }

  private static int utf8Length(String text) {
    return text.codePoints().map(FileNames::utf8Length).sum();
  }

  private static int utf8Length(int codePoint) {
    return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
  }

  /**
   * Keeps letters (any script), digits, spaces, dots, dashes and underscores; everything else, path
   * separators and control characters first, becomes {@code _}. Never empty, never hidden, at most
   * {@link #MAX_LENGTH} characters (cut between code points).
   */
  public static String safe(String name) {
    String result = clean(name);
    if (result.length() <= MAX_LENGTH) {
      return result;
    }
    int end =
        Character.isHighSurrogate(result.charAt(MAX_LENGTH - 1)) ? MAX_LENGTH - 1 : MAX_LENGTH;
    return result.substring(0, end);
  }

  /** {@link #safe} without the length limit, for {@link #stored}, which limits bytes. */
  static String clean(String name) {
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
    return result.isEmpty() ? "report" : result;
  }
}
