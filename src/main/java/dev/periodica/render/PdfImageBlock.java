package dev.periodica.render;

import dev.periodica.common.Invalid;
import java.awt.Color;
import java.io.IOException;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * An image widget: the image drawn across the content width per its fit and alignment, at most a
 * chart's height; one that cannot be read or embedded is a line saying why.
 */
final class PdfImageBlock implements PdfBlock<Block.Image> {
  @Override
  public float minimum(Block.Image block) {
    return PdfCanvas.CHART_HEIGHT / 2;
  }

  @Override
  public void draw(PdfCanvas canvas, Block.Image block) throws IOException {
    ReportImage image = block.image();
    PDImageXObject object;
    try {
      if (image == null) {
        throw new Invalid(block.problem());
      }
      object = canvas.object(image);
    } catch (Invalid e) {
      canvas.paragraph(
          "The image cannot be shown: " + e.getMessage(), PdfCanvas.TEXT_SIZE, Color.GRAY);
      return;
    }
    float width = PdfCanvas.WIDTH;
    float height =
        switch (block.fit()) {
          case CONTAIN -> Math.min(PdfCanvas.CHART_HEIGHT, width * image.height() / image.width());
          case NONE -> Math.min(PdfCanvas.CHART_HEIGHT, image.height() * 0.75f);
          default -> PdfCanvas.CHART_HEIGHT;
        };
    canvas.ensure(height + 6);
    canvas.draw(
        image,
        object,
        block.fit(),
        block.align(),
        canvas.y - height + PdfCanvas.ROW_HEIGHT,
        height);
    canvas.y -= height + 6;
  }
}
