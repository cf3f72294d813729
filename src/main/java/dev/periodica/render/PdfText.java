package dev.periodica.render;

import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * Sets text in a report PDF: each character in the first font of {@link PdfFonts} that has it (else
 * {@code ?}, which the bundled fonts leave to scripts they lack), measured character by character
 * from cached glyph widths, so measuring, cutting and wrapping take time in proportion to the text,
 * whatever it holds. Hebrew and Arabic are shaped and set in visual order (see {@link Bidi}).
 */
final class PdfText {
  /** A text cut or wrapped is first shortened to this many characters: no line holds more. */
  static final int MAX_MEASURED = 2_000;

  private final PdfFonts fonts;
  private final Map<Integer, Optional<PDType0Font>> glyphs = new HashMap<>();
  private final Map<Integer, Float> widths = new HashMap<>();

  PdfText(PdfFonts fonts) {
    this.fonts = fonts;
  }

  /** A stretch of text set in one font. */
  private record Run(PDType0Font font, String text) {}

  /** One line of text, right-to-left text in it shaped and in visual order ({@link Bidi}). */
  void show(PDPageContentStream content, String line, float x, float y, float size, Color color)
      throws IOException {
    String text = Bidi.visual(line);
    content.beginText();
    content.setNonStrokingColor(color);
    content.newLineAtOffset(x, y);
    for (Run run : runs(text)) {
      content.setFont(run.font(), size);
      content.showText(run.text());
    }
    content.endText();
  }

  float width(String line, float size) {
    String text = Bidi.visual(line);
    float width = 0;
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      width += charWidth(c);
    }
    return width * size;
  }

  /** Cuts {@code text} with an ellipsis so that it fits {@code width} points. */
  String fit(String text, float width, float size) {
    String measured = shortened(text);
    if (measured.length() == text.length() && width(text, size) <= width) {
      return text;
    }
    float room = width / size - charWidth('…');
    float used = 0;
    StringBuilder cut = new StringBuilder();
    for (int i = 0; i < measured.length(); ) {
      int c = measured.codePointAt(i);
      i += Character.charCount(c);
      used += charWidth(c);
      if (used > room) {
        break;
      }
      cut.appendCodePoint(c);
    }
    return cut + "…";
  }

  /** {@code text} in lines of at most {@code width} points, words broken only when too wide. */
  List<String> wrap(String text, float size, float width) {
    float room = width / size;
    float space = charWidth(' ');
    List<String> lines = new ArrayList<>();
    for (String paragraph : text.split("\\R", -1)) {
      StringBuilder line = new StringBuilder();
      float used = 0;
      for (String word : paragraph.split(" ")) {
        String measured = shortened(word);
        float wordWidth = width(measured, 1);
        float gap = line.length() == 0 ? 0 : space;
        if (used + gap + wordWidth <= room) {
          line.append(gap == 0 ? "" : " ").append(measured);
          used += gap + wordWidth;
          continue;
        }
        if (line.length() > 0) {
          lines.add(line.toString());
          line.setLength(0);
          used = 0;
        }
        for (int i = 0; i < measured.length(); ) {
          int c = measured.codePointAt(i);
          i += Character.charCount(c);
          float w = charWidth(c);
          if (line.length() > 0 && used + w > room) {
            lines.add(line.toString());
            line.setLength(0);
            used = 0;
          }
          line.appendCodePoint(c);
          used += w;
        }
      }
      lines.add(line.toString());
    }
    return lines;
  }

  private static String shortened(String text) {
    if (text.length() <= MAX_MEASURED) {
      return text;
    }
    int end =
        Character.isHighSurrogate(text.charAt(MAX_MEASURED - 1)) ? MAX_MEASURED - 1 : MAX_MEASURED;
    return text.substring(0, end);
  }

  /** The advance of {@code codePoint} at size 1, as it will be set. */
  private float charWidth(int codePoint) {
    return widths.computeIfAbsent(
        codePoint,
        c -> {
          try {
            return font(c).getStringWidth(new String(Character.toChars(drawn(c)))) / 1000;
          } catch (IOException | IllegalArgumentException e) {
            return 0.5f;
          }
        });
  }

  /** Splits {@code text} into runs, each character in the first font that has it, else "?". */
  private List<Run> runs(String text) {
    List<Run> runs = new ArrayList<>();
    PDType0Font current = null;
    StringBuilder pending = new StringBuilder();
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      PDType0Font use = font(c);
      int drawn = drawn(c);
      if (use != current && pending.length() > 0) {
        runs.add(new Run(current, pending.toString()));
        pending.setLength(0);
      }
      current = use;
      pending.appendCodePoint(drawn);
    }
    if (pending.length() > 0) {
      runs.add(new Run(current, pending.toString()));
    }
    return runs;
  }

  /** The font that sets {@code codePoint}: the first that has it, else the one that has "?". */
  private PDType0Font font(int codePoint) {
    return having(codePoint).orElseGet(() -> having('?').orElseThrow());
  }

  /** What is drawn for {@code codePoint}: itself, or "?" when no font has it. */
  private int drawn(int codePoint) {
    return having(codePoint).isPresent() ? codePoint : '?';
  }

  private Optional<PDType0Font> having(int codePoint) {
    return glyphs.computeIfAbsent(codePoint, c -> Optional.ofNullable(firstHaving(c)));
  }

  private PDType0Font firstHaving(int codePoint) {
    if (Character.isISOControl(codePoint)) {
      return null;
    }
    String character = new String(Character.toChars(codePoint));
    for (int i = 0; i < fonts.count(); i++) {
      PDType0Font font = fonts.font(i);
      if (font == null) {
        continue;
      }
      try {
        font.encode(character);
        return font;
      } catch (IOException | IllegalArgumentException e) {
        // the next font may have it
      }
    }
    return null;
  }
}
