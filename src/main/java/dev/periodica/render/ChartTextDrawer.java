package dev.periodica.render;

import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2DFontTextDrawer;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.FontMetrics;
import java.awt.Graphics;
import java.awt.font.FontRenderContext;
import java.awt.font.LineMetrics;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.text.CharacterIterator;
import java.util.HashMap;
import java.util.Map;

/**
 * Sets chart text in the document's fonts, as {@link PdfBoxGraphics2DFontTextDrawer} does, with
 * text measured once per font and string for the whole document. A chart measures each label many
 * times (axes try tick units until the labels fit, then lay them out), and PDFBox measures a string
 * by encoding it and reading each code back through its CMap, where a third of a chart's rendering
 * went. One drawer per document, one thread.
 */
final class ChartTextDrawer extends PdfBoxGraphics2DFontTextDrawer {
  private final Map<Font, MeasuredMetrics> metrics = new HashMap<>();

  @Override
  public FontMetrics getFontMetrics(Font font, IFontTextDrawerEnv env)
      throws IOException, FontFormatException {
    MeasuredMetrics known = metrics.get(font);
    if (known == null) {
      known = new MeasuredMetrics(super.getFontMetrics(font, env));
      metrics.put(font, known);
    }
    return known;
  }

  /** A font's metrics with string widths and bounds remembered. */
  private static final class MeasuredMetrics extends FontMetrics {
    private final FontMetrics measured;
    private final Map<String, Integer> widths = new HashMap<>();
    private final Map<String, Rectangle2D> bounds = new HashMap<>();

    MeasuredMetrics(FontMetrics measured) {
      super(measured.getFont());
      this.measured = measured;
    }

    @Override
    public int stringWidth(String text) {
      Integer width = widths.get(text);
      if (width == null) {
        width = measured.stringWidth(text);
        widths.put(text, width);
      }
      return width;
    }

    @Override
    public Rectangle2D getStringBounds(String text, Graphics graphics) {
      Rectangle2D known = bounds.get(text);
      if (known == null) {
        known = measured.getStringBounds(text, graphics);
        bounds.put(text, known);
      }
      return (Rectangle2D) known.clone();
    }

    @Override
    public Rectangle2D getStringBounds(String text, int begin, int end, Graphics graphics) {
      return getStringBounds(text.substring(begin, end), graphics);
    }

    @Override
    public Rectangle2D getStringBounds(char[] chars, int begin, int end, Graphics graphics) {
      return getStringBounds(new String(chars, begin, end - begin), graphics);
    }

    @Override
    public Rectangle2D getStringBounds(
        CharacterIterator text, int begin, int end, Graphics graphics) {
      return measured.getStringBounds(text, begin, end, graphics);
    }

    @Override
    public int getDescent() {
      return measured.getDescent();
    }

    @Override
    public int getHeight() {
      return measured.getHeight();
    }

    @Override
    public int getMaxAscent() {
      return measured.getMaxAscent();
    }

    @Override
    public int getMaxDescent() {
      return measured.getMaxDescent();
    }

    @Override
    public boolean hasUniformLineMetrics() {
      return measured.hasUniformLineMetrics();
    }

    @Override
    public LineMetrics getLineMetrics(String text, Graphics graphics) {
      return measured.getLineMetrics(text, graphics);
    }

    @Override
    public LineMetrics getLineMetrics(String text, int begin, int end, Graphics graphics) {
      return measured.getLineMetrics(text, begin, end, graphics);
    }

    @Override
    public LineMetrics getLineMetrics(char[] chars, int begin, int end, Graphics graphics) {
      return measured.getLineMetrics(chars, begin, end, graphics);
    }

    @Override
    public LineMetrics getLineMetrics(
        CharacterIterator text, int begin, int end, Graphics graphics) {
      return measured.getLineMetrics(text, begin, end, graphics);
    }

    @Override
    public Rectangle2D getMaxCharBounds(Graphics graphics) {
      return measured.getMaxCharBounds(graphics);
    }

    @Override
    public int getAscent() {
      return measured.getAscent();
    }

    @Override
    public int getMaxAdvance() {
      return measured.getMaxAdvance();
    }

    @Override
    public int getLeading() {
      return measured.getLeading();
    }

    @Override
    public FontRenderContext getFontRenderContext() {
      return measured.getFontRenderContext();
    }

    @Override
    public int charWidth(char c) {
      return measured.charWidth(c);
    }

    @Override
    public int charWidth(int codePoint) {
      return measured.charWidth(codePoint);
    }

    @Override
    public int charsWidth(char[] chars, int offset, int length) {
      return measured.charsWidth(chars, offset, length);
    }

    @Override
    public int[] getWidths() {
      return measured.getWidths();
    }
  }
}
