package dev.periodica.render;

import java.awt.Color;
import java.io.IOException;

/** A text widget: its text wrapped to the page, one size up from table text. */
final class PdfTextBlock implements PdfBlock<Block.Text> {
  @Override
  public float minimum(Block.Text block) {
    return PdfCanvas.ROW_HEIGHT * 2;
  }

  @Override
  public void draw(PdfCanvas canvas, Block.Text block) throws IOException {
    canvas.paragraph(block.text(), PdfCanvas.TEXT_SIZE + 1, Color.BLACK);
  }
}
