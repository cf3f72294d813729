package dev.periodica.render;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A report filled and ready to print, whatever the format: what generation produces (queries run
 * for the period, constants bound, settings read once) and every {@link ReportRenderer} renders, as
 * JasperReports' filled print is to its exporters. Pure data: no settings left to interpret.
 *
 * @param title the report's name, printed at the top of the first page
 * @param fireTime the time the report is for (its period ends there; footers print its date)
 * @param font the font asked for by {@code settings.style.font}, or null for the default
 * @param style palette, locale of numbers, decimals per column
 * @param pages the report's pages that show something, in order
 */
public record ReportDocument(
    String title,
    Instant fireTime,
    String font,
    ReportStyle style,
    Section header,
    Section footer,
    List<Page> pages) {
  public ReportDocument {
    pages = List.copyOf(pages);
  }

  /** A report page: its number (from 1, as in the report's {@code config.pages}) and blocks. */
  public record Page(int number, List<Block> blocks) {
    public Page {
      blocks = List.copyOf(blocks);
    }
  }

  /** Every block, page after page. */
  public List<Block> blocks() {
    List<Block> all = new ArrayList<>();
    pages.forEach(page -> all.addAll(page.blocks()));
    return all;
  }
}
