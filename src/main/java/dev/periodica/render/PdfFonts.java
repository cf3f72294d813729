package dev.periodica.render;

import dev.periodica.render.ReportFonts.FontFile;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The fonts of one PDF, in fallback order: the report's {@code settings.style.font} (see {@link
 * ReportFonts#find}), then the bundled Open Sans, WenQuanYi Micro Hei, DejaVu Sans and Liberation
 * Sans. A font is added to the document only when a character first needs it (a report in Latin
 * letters never touches the CJK font); all embed as subsets. A requested font that is missing, or
 * cannot be embedded (CFF outlines), is replaced by the next one with a warning in the log, once
 * per font name and process.
 */
final class PdfFonts implements Closeable {
  private final PDDocument document;
  private final ReportFonts library;
  private final List<FontFile> chain = new ArrayList<>();
  private final PDType0Font[] loaded;
  private final boolean[] unusable;
  private final String requested;
  private final boolean requestedFound;
  private final List<Map.Entry<FontFile, TrueTypeFont>> borrowed = new ArrayList<>();

  PdfFonts(PDDocument document, String requested, ReportFonts library) {
    this.document = document;
    this.library = library;
    this.requested = requested == null || requested.isBlank() ? null : requested.strip();
    if (this.requested != null) {
      library
          .find(this.requested)
          .ifPresentOrElse(
              chain::add,
              () ->
                  library.substituted(
                      this.requested, library.notFoundReason(), ReportFonts.OPEN_SANS));
    }
    requestedFound = !chain.isEmpty();
    for (FontFile fallback :
        List.of(
            ReportFonts.OPEN_SANS,
            ReportFonts.WENQUANYI,
            ReportFonts.DEJAVU,
            ReportFonts.LIBERATION)) {
      if (!chain.contains(fallback)) {
        chain.add(fallback);
      }
    }
    loaded = new PDType0Font[chain.size()];
    unusable = new boolean[chain.size()];
  }

  /** A font for chart text: the AWT font the chart is laid out with and the PDF font it maps to. */
  record ChartFont(java.awt.Font awt, PDType0Font pdf) {}

  /**
   * The font a chart showing {@code text} (its labels, joined) is drawn with: the first font if it
   * has every character, else WenQuanYi Micro Hei (CJK, also Latin and Cyrillic), else DejaVu Sans
   * (Hebrew, Arabic), else the first. (A chart is laid out by AWT in one font, so per-character
   * fallback as in body text is not possible.) A font is loaded only when the ones before it lack a
   * character: a chart in Latin letters never loads the others.
   */
  ChartFont chartFontFor(String text) {
    int first = primaryIndex();
    ChartFont primary = chartFont(first);
    if (encodes(primary.pdf(), text)) {
      return primary;
    }
    for (FontFile wider : List.of(ReportFonts.WENQUANYI, ReportFonts.DEJAVU)) {
      int index = chain.indexOf(wider);
      if (index != first && font(index) != null && encodes(font(index), text)) {
        return chartFont(index);
      }
    }
    return primary;
  }

  private static boolean encodes(PDType0Font font, String text) {
    try {
      font.encode(text);
      return true;
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
  }

  /** How many fonts {@link #font} may give, in fallback order. */
  int count() {
    return chain.size();
  }

  /** The {@code index}th font of the fallback order, loaded on first use; null if unusable. */
  PDType0Font font(int index) {
    if (loaded[index] == null && !unusable[index]) {
      FontFile file = chain.get(index);
      try {
        loaded[index] = load(file);
      } catch (IOException | RuntimeException e) {
        if (index > 0 || !requestedFound) {
          throw new IllegalStateException("bundled font " + file.describe() + " is unusable", e);
        }
        // a font someone installed may be anything: the report goes on in the next font
        unusable[index] = true;
        library.substituted(requested, "cannot be embedded (" + e.getMessage() + ")", chain.get(1));
      }
    }
    return loaded[index];
  }

  private int primaryIndex() {
    for (int i = 0; i < chain.size(); i++) {
      if (font(i) != null) {
        return i;
      }
    }
    throw new IllegalStateException("no usable font");
  }

  private ChartFont chartFont(int index) {
    try {
      return new ChartFont(ReportFonts.awt(chain.get(index)), font(index));
    } catch (UncheckedIOException e) {
      int openSans = chain.indexOf(ReportFonts.OPEN_SANS);
      if (index == openSans) {
        throw e;
      }
      return chartFont(openSans); // AWT cannot read it: the chart is laid out in Open Sans
    }
  }

  private PDType0Font load(FontFile file) throws IOException {
    TrueTypeFont font = ReportFonts.borrow(file);
    PDType0Font loaded = PDType0Font.load(document, font, true);
    borrowed.add(Map.entry(file, font));
    return loaded;
  }

  /** Gives the parsed fonts back for other documents: call it once this one is saved. */
  @Override
  public void close() {
    for (Map.Entry<FontFile, TrueTypeFont> entry : borrowed) {
      ReportFonts.giveBack(entry.getKey(), entry.getValue());
    }
    borrowed.clear();
  }
}
