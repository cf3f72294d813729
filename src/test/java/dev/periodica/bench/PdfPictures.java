package dev.periodica.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * Renders pages of a PDF to PNG with PDFBox, to look at a report without a viewer and for the
 * pictures in {@code docs/}. Usage: {@code PdfPictures <pdf> <out-prefix> <dpi> <page>...} (pages
 * from 1); writes {@code <out-prefix>-<page>.png}.
 */
public final class PdfPictures {
  private PdfPictures() {}

  public static void main(String[] args) throws Exception {
    try (PDDocument document = Loader.loadPDF(Files.readAllBytes(Path.of(args[0])))) {
      PDFRenderer renderer = new PDFRenderer(document);
      float dpi = Float.parseFloat(args[2]);
      for (int i = 3; i < args.length; i++) {
        int page = Integer.parseInt(args[i]);
        ImageIO.write(
            renderer.renderImageWithDPI(page - 1, dpi),
            "png",
            new File(args[1] + "-" + page + ".png"));
      }
    }
  }
}
