package dev.periodica.render;

import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import org.apache.pdfbox.util.Matrix;
import org.jfree.chart.JFreeChart;

/**
 * A chart drawn as PDF vector graphics (see {@link ChartFactory}), its labels set as text in one
 * font that has all their characters ({@link PdfFonts#chartFontFor}). Labels in Hebrew or Arabic
 * are drawn as outlines instead, laid out by Java2D (which orders and shapes them in that font):
 * PDF text would need them reordered and shaped, as {@link Bidi} does for body text, and the
 * graphics bridge leaves right-to-left text to Java2D.
 */
final class PdfChartBlock implements PdfBlock<Block.Chart> {
  /** Chart text looked at when choosing its font; a longer text is cut here. */
  static final int MAX_LABELS = 20_000;

  private final ReportStyle style;

  /** The document's chart text, measured once per font and string (see {@link ChartTextDrawer}). */
  private final ChartTextDrawer drawer = new ChartTextDrawer();

  PdfChartBlock(ReportStyle style) {
    this.style = style;
  }

  @Override
  public float minimum(Block.Chart block) {
    return PdfCanvas.CHART_HEIGHT + 6;
  }

  @Override
  public void draw(PdfCanvas canvas, Block.Chart block) throws IOException {
    PdfFonts.ChartFont font = canvas.fonts.chartFontFor(labels(block));
    JFreeChart chart = ChartFactory.chart(block, font.awt(), style);
    float width = PdfCanvas.WIDTH;
    float height = PdfCanvas.CHART_HEIGHT;
    canvas.ensure(height + 6);
    PdfBoxGraphics2D graphics = new PdfBoxGraphics2D(canvas.document, width, height);
    java.awt.Font awt = font.awt();
    drawer.registerFont(awt.getFontName(), font.pdf());
    drawer.registerFont(awt.getFamily(), font.pdf());
    drawer.registerFont(awt.getName(), font.pdf());
    graphics.setFontTextDrawer(drawer);
    chart.draw(graphics, new Rectangle2D.Double(0, 0, width, height));
    graphics.dispose();
    canvas.content().saveGraphicsState();
    canvas
        .content()
        .transform(
            Matrix.getTranslateInstance(
                PdfCanvas.MARGIN, canvas.y - height + PdfCanvas.ROW_HEIGHT));
    canvas.content().drawForm(graphics.getXFormObject());
    canvas.content().restoreGraphicsState();
    canvas.y -= height + 6;
  }

  /** The text the chart may show: its axis name, series names and category labels (bounded). */
  private static String labels(Block.Chart block) {
    StringBuilder labels = new StringBuilder();
    if (block.categoryAxis() != null) {
      labels.append(block.categoryAxis());
    }
    block.series().forEach(series -> labels.append(' ').append(series.name()));
    for (String category : block.categories()) {
      if (labels.length() > MAX_LABELS) {
        break;
      }
      labels.append(' ').append(category);
    }
    return labels.toString().replaceAll("\\p{Cntrl}", " ");
  }
}
