package dev.periodica.render;

import java.io.IOException;

/** Draws one kind of {@link Block} into a report PDF, from the cursor of its {@link PdfCanvas}. */
interface PdfBlock<B extends Block> {
  /** The room the block's start needs below its heading: kept on one page with the heading. */
  float minimum(B block);

  /** Draws the block, starting new pages as it needs. */
  void draw(PdfCanvas canvas, B block) throws IOException;
}
