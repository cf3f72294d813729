package dev.periodica.report;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The fonts of one PDF, in fallback order: the report's {@code settings.style.font} (found by file
 * name among the installed TrueType fonts, case-insensitively: reports ask for {@code
 * OpenSans-ExtraBoldItalic}), else Open Sans, else PDFBox's Liberation Sans; then WenQuanYi Micro
 * Hei for Chinese, Japanese and Korean when it is installed. All embed as subsets; nothing is
 * downloaded at run time.
 */
final class PdfFonts implements Closeable {
  static final Path INSTALLED = Path.of("/usr/share/fonts");
  private static final String LIBERATION =
      "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";
  private static final String CJK = "wqy-microhei.ttc";

  private final List<PDType0Font> fonts = new ArrayList<>();
  private java.awt.Font awtFont;
  private ChartFont cjkChartFont;
  private final List<Closeable> open = new ArrayList<>();

  PdfFonts(PDDocument document, String requested) throws IOException {
    Optional<Path> chosen =
        requested == null || requested.isBlank() ? Optional.empty() : find(requested + ".ttf");
    Optional<Path> primary = chosen.or(() -> find("OpenSans-Regular.ttf"));
    if (primary.isPresent()) {
      fonts.add(PDType0Font.load(document, primary.get().toFile()));
      awtFont = awt(Files.newInputStream(primary.get()));
    }
    try (InputStream in = PdfFonts.class.getResourceAsStream(LIBERATION)) {
      fonts.add(PDType0Font.load(document, in, true));
    }
    if (awtFont == null) {
      awtFont = awt(PdfFonts.class.getResourceAsStream(LIBERATION));
    }
    Optional<Path> cjk = find(CJK);
    if (cjk.isPresent()) {
      TrueTypeCollection collection = new TrueTypeCollection(cjk.get().toFile());
      open.add(collection);
      List<TrueTypeFont> members = new ArrayList<>();
      collection.processAllFonts(members::add);
      if (!members.isEmpty()) {
        PDType0Font cjkFont = PDType0Font.load(document, members.get(0), true);
        fonts.add(cjkFont);
        try {
          java.awt.Font[] awt = java.awt.Font.createFonts(cjk.get().toFile());
          cjkChartFont = new ChartFont(awt[0], cjkFont);
        } catch (java.awt.FontFormatException e) {
          cjkChartFont = null; // charts keep the primary font; CJK labels then show as boxes
        }
      }
    }
  }

  /** The first font as an AWT font, for charts (drawn through Graphics2D). */
  java.awt.Font awtFont() {
    return awtFont;
  }

  /** A font for chart text: the AWT font the chart is laid out with and the PDF font it maps to. */
  record ChartFont(java.awt.Font awt, PDType0Font pdf) {}

  /**
   * The font a chart showing {@code text} (its labels, joined) is drawn with: the first font if it
   * has every character, else the CJK font, which also covers Latin and Cyrillic. (A chart is laid
   * out by AWT in one font, so per-character fallback as in body text is not possible there.)
   */
  ChartFont chartFontFor(String text) {
    ChartFont primary = new ChartFont(awtFont, fonts.get(0));
    if (cjkChartFont == null) {
      return primary;
    }
    try {
      fonts.get(0).encode(text);
      return primary;
    } catch (IOException | IllegalArgumentException e) {
      return cjkChartFont;
    }
  }

  /** The first font, which chart text maps to. */
  PDType0Font primary() {
    return fonts.get(0);
  }

  private static java.awt.Font awt(InputStream in) throws IOException {
    try (in) {
      return java.awt.Font.createFont(java.awt.Font.TRUETYPE_FONT, in);
    } catch (java.awt.FontFormatException e) {
      throw new IOException("unreadable font", e);
    }
  }

  /** The fonts to try for each character, in order. */
  List<PDType0Font> fallbacks() {
    return fonts;
  }

  private static Optional<Path> find(String fileName) {
    if (!Files.isDirectory(INSTALLED)) {
      return Optional.empty();
    }
    String wanted = fileName.toLowerCase(Locale.ROOT);
    try (Stream<Path> files = Files.walk(INSTALLED, 4)) {
      return files
          .filter(Files::isRegularFile)
          .filter(path -> path.getFileName().toString().toLowerCase(Locale.ROOT).equals(wanted))
          .findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  @Override
  public void close() throws IOException {
    for (Closeable closeable : open) {
      closeable.close();
    }
  }
}
