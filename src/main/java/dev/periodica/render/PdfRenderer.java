package dev.periodica.render;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * A {@link ReportDocument} as PDF (Apache PDFBox): the title on the first page, each report page
 * starting a new PDF page, each widget's heading ({@link Block.Heading}) kept on one page with the
 * start of its first block, a caption above each series of a widget that has several, then the
 * block itself ({@link PdfChartBlock}, {@link PdfTableBlock}, {@link PdfTextBlock}, {@link
 * PdfImageBlock}); the header as each page starts and the footers at the end ({@link PdfSections}).
 * Pages are laid out by {@link PdfCanvas}; a report stops at {@code maxPages} (at most {@link
 * #MAX_PAGES}) with a note saying so.
 */
public final class PdfRenderer implements ReportRenderer {
  /** No report is longer. */
  public static final int MAX_PAGES = 1_000;

  /** Space between two widgets. */
  static final float WIDGET_GAP = 12;

  private final ReportFonts library;
  private final int maxPages;

  /** A renderer in the fonts of {@code library}, stopping at {@code maxPages} pages. */
  public PdfRenderer(ReportFonts library, int maxPages) {
    this.library = library;
    this.maxPages = Math.max(1, Math.min(maxPages, MAX_PAGES));
  }

  @Override
  public ReportFormat format() {
    return ReportFormat.PDF;
  }

  @Override
  public void render(ReportDocument report, OutputStream out) throws IOException {
    try (PDDocument document = new PDDocument();
        PdfFonts fonts = new PdfFonts(document, report.font(), library)) {
      PdfSections sections = new PdfSections(report.header(), report.footer());
      PdfCanvas canvas = new PdfCanvas(document, fonts, maxPages, sections::pageStarted);
      new Body(canvas, report.style()).draw(report);
      canvas.close();
      sections.footers(canvas, report.fireTime());
      document.save(out);
    }
  }

  /** The report's pages and blocks on one canvas. */
  private static final class Body {
    private final PdfCanvas canvas;
    private final PdfChartBlock charts;
    private final PdfTableBlock tables;
    private final PdfTextBlock texts = new PdfTextBlock();
    private final PdfImageBlock images = new PdfImageBlock();

    Body(PdfCanvas canvas, ReportStyle style) {
      this.canvas = canvas;
      this.charts = new PdfChartBlock(style);
      this.tables = new PdfTableBlock(style);
    }

    void draw(ReportDocument report) throws IOException {
      canvas.newPage();
      try {
        canvas.show(
            report.title(), PdfCanvas.MARGIN, canvas.y, PdfCanvas.TITLE_SIZE + 3, Color.BLACK);
        canvas.y -= 28;
        boolean firstPage = true;
        for (ReportDocument.Page page : report.pages()) {
          if (!firstPage) {
            canvas.newPage();
          }
          firstPage = false;
          boolean firstBlock = true;
          for (Block block : page.blocks()) {
            if (block.heading() != null && !firstBlock) {
              canvas.y -= WIDGET_GAP;
            }
            firstBlock = false;
            block(block);
          }
        }
      } catch (PdfCanvas.PageLimit limit) {
        canvas.show(
            "The report stops here: it reached " + canvas.maxPages() + " pages.",
            PdfCanvas.MARGIN,
            PdfCanvas.BOTTOM - 14,
            PdfCanvas.TEXT_SIZE,
            Color.GRAY);
      }
    }

    private void block(Block block) throws IOException {
      if (block instanceof Block.Chart chart) {
        block(chart, charts);
      } else if (block instanceof Block.Table table) {
        block(table, tables);
      } else if (block instanceof Block.Text text) {
        block(text, texts);
      } else {
        block((Block.Image) block, images);
      }
    }

    /**
     * The widget's heading (title and description) when the block has one, kept on a page with the
     * caption and the start of the block; then the caption; then the block.
     */
    private <B extends Block> void block(B block, PdfBlock<B> kind) throws IOException {
      float caption = block.caption() == null ? 0 : PdfCanvas.ROW_HEIGHT + 2;
      if (block.heading() != null) {
        heading(block.heading(), block.origin(), caption + kind.minimum(block));
      }
      if (block.caption() != null) {
        canvas.ensure(caption + kind.minimum(block));
        canvas.show(
            block.caption(), PdfCanvas.MARGIN, canvas.y, PdfCanvas.TEXT_SIZE + 1, Color.DARK_GRAY);
        canvas.y -= caption;
      }
      kind.draw(canvas, block);
    }

    private void heading(Block.Heading heading, Block.Origin origin, float then)
        throws IOException {
      java.util.List<String> description =
          heading.description().isBlank()
              ? java.util.List.of()
              : canvas.text.wrap(heading.description(), PdfCanvas.TEXT_SIZE, PdfCanvas.WIDTH);
      float lead =
          (heading.title() != null ? 18 : 0) + description.size() * PdfCanvas.TEXT_SIZE * 1.4f + 4;
      canvas.ensure(lead + then);
      if (heading.title() != null) {
        canvas.show(heading.title(), PdfCanvas.MARGIN, canvas.y, PdfCanvas.TITLE_SIZE, Color.BLACK);
        canvas.y -= 18;
      }
      canvas.lines(description, PdfCanvas.TEXT_SIZE, Color.DARK_GRAY);
      if (!description.isEmpty()) {
        canvas.y -= 4;
      }
    }
  }
}
