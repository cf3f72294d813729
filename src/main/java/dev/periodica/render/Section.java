package dev.periodica.render;

import io.vertx.core.json.JsonObject;
import java.awt.Color;

/**
 * A report's header or footer as it is printed, read once from {@code settings.header} or {@code
 * settings.footer} with the lenient rules of {@link Presentation}: a missing or malformed value is
 * the default.
 *
 * @param show whether it is printed at all ({@code show}, default false)
 * @param text its line of text ({@code text})
 * @param color the text's colour ({@code color}, {@code #rrggbb}; else dark gray)
 * @param image its image ({@code image}), or null (none, or one that cannot be read: left out with
 *     a warning in the log rather than failing the report)
 * @param onAllPages a header on every page, not only the first ({@code show_on_all_pages}, default
 *     true)
 * @param onFirstPage a footer on the first page too ({@code show_on_first_page}, default true)
 */
public record Section(
    boolean show,
    String text,
    Color color,
    Align textAlign,
    ReportImage image,
    ReportImage.Fit fit,
    Align imageAlign,
    boolean onAllPages,
    boolean onFirstPage,
    boolean showDate,
    Align dateAlign,
    boolean showPageNumber,
    Align pageNumberAlign) {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Section.class);

  /** Nothing printed. */
  public static final Section NONE = header(new JsonObject());

  /** {@code settings.header}. */
  public static Section header(JsonObject section) {
    return of(section, "header");
  }

  /** {@code settings.footer}. */
  public static Section footer(JsonObject section) {
    return of(section, "footer");
  }

  private static Section of(JsonObject section, String where) {
    boolean show = Presentation.flag(section, "show", false);
    return new Section(
        show,
        Presentation.text(section, "text", ""),
        color(section),
        Align.of(section.getValue("text_align"), Align.LEFT),
        show ? image(section, where) : null,
        ReportImage.Fit.of(section.getValue("fit")),
        Align.of(section.getValue("image_align"), Align.LEFT),
        Presentation.flag(section, "show_on_all_pages", true),
        Presentation.flag(section, "show_on_first_page", true),
        Presentation.flag(section, "show_date", false),
        Align.of(section.getValue("date_align"), Align.CENTER),
        Presentation.flag(section, "show_page_number", false),
        Align.of(section.getValue("page_number_align"), Align.RIGHT));
  }

  /**
   * The section's image, or null. One that cannot be read (the seed's own example holds {@code
   * "..."}) is left out with a warning rather than failing the whole report.
   */
  private static ReportImage image(JsonObject section, String where) {
    Object image = section.getValue("image");
    if (image == null || image instanceof String blank && blank.isBlank()) {
      return null;
    }
    try {
      return ReportImage.read(image, where);
    } catch (dev.periodica.common.Invalid e) {
      LOG.warn("report {}.image left out: {}", where, e.getMessage());
      return null;
    }
  }

  private static Color color(JsonObject section) {
    String value = Presentation.text(section, "color", "");
    if (value.matches("#[0-9a-fA-F]{6}")) {
      return new Color(Integer.parseInt(value.substring(1), 16));
    }
    return Color.DARK_GRAY;
  }
}
