package dev.periodica.render;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.Color;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A report's look, read once from {@code settings.style} with the lenient rules of {@link
 * Presentation} (a bad value gives the default): {@code palette} (a name — {@code calm}, the
 * default, {@code vivid}, {@code gray} — or a list of {@code #rrggbb} colours), {@code locale} (a
 * BCP 47 tag such as {@code de-DE}; default {@code en}) for numbers, and {@code decimals} (column
 * name → fixed number of decimals). Numbers are printed with the locale's thousands separators;
 * integers without decimals, other numbers with at most two unless their column has fixed ones.
 */
public record ReportStyle(List<Color> palette, Locale locale, Map<String, Integer> decimals) {
  /** Muted, distinguishable colours (after the Tableau 10 palette, toned down). */
  static final List<Color> CALM =
      colors(
          "#4E79A7", "#F28E2B", "#59A14F", "#E15759", "#76B7B2", "#EDC948", "#B07AA1", "#FF9DA7",
          "#9C755F", "#BAB0AC");

  static final List<Color> VIVID =
      colors("#1F77B4", "#FF7F0E", "#2CA02C", "#D62728", "#9467BD", "#8C564B", "#E377C2");

  static final List<Color> GRAY = colors("#404040", "#7F7F7F", "#A6A6A6", "#595959", "#BFBFBF");

  /** Text of headings and cells. */
  static final Color INK = new Color(0x1F2933);

  /** Secondary text: descriptions, notes, axis labels. */
  static final Color MUTED = new Color(0x616E7C);

  /** Grid lines and rules. */
  static final Color RULE = new Color(0xE4E7EB);

  /** The table header's band. */
  static final Color HEADER_FILL = new Color(0xEEF2F6);

  static final int MAX_DECIMALS = 10;

  public static final ReportStyle DEFAULT = new ReportStyle(CALM, Locale.ENGLISH, Map.of());

  public ReportStyle {
    palette = List.copyOf(palette);
    decimals = Map.copyOf(decimals);
  }

  /** The style of {@code settings.style}; any part missing or malformed is the default. */
  public static ReportStyle of(JsonObject settings) {
    JsonObject style = Presentation.object(settings, "style");
    return new ReportStyle(
        palette(style.getValue("palette")),
        locale(style.getValue("locale")),
        decimals(style.getValue("decimals")));
  }

  /** This style with the widget's own {@code settings.decimals} over the report's. */
  ReportStyle withDecimals(JsonObject widgetOptions) {
    Map<String, Integer> own = decimals(widgetOptions.getValue("decimals"));
    if (own.isEmpty()) {
      return this;
    }
    Map<String, Integer> merged = new java.util.HashMap<>(decimals);
    merged.putAll(own);
    return new ReportStyle(palette, locale, merged);
  }

  static List<Color> palette(Object value) {
    if (value instanceof String name) {
      return switch (name.strip().toLowerCase(Locale.ROOT)) {
        case "vivid" -> VIVID;
        case "gray", "grey" -> GRAY;
        default -> CALM;
      };
    }
    if (value instanceof JsonArray list) {
      List<Color> colors = new ArrayList<>();
      for (Object item : list) {
        if (item instanceof String hex && hex.strip().matches("#[0-9a-fA-F]{6}")) {
          colors.add(new Color(Integer.parseInt(hex.strip().substring(1), 16)));
        }
      }
      if (!colors.isEmpty()) {
        return colors;
      }
    }
    return CALM;
  }

  static Locale locale(Object value) {
    if (value instanceof String tag && !tag.isBlank()) {
      try {
        Locale locale = new Locale.Builder().setLanguageTag(tag.strip().replace('_', '-')).build();
        if (!locale.getLanguage().isEmpty()) {
          return locale;
        }
      } catch (IllformedLocaleException bad) {
        // the default
      }
    }
    return Locale.ENGLISH;
  }

  private static Map<String, Integer> decimals(Object value) {
    if (!(value instanceof JsonObject columns)) {
      return Map.of();
    }
    Map<String, Integer> fixed = new java.util.HashMap<>();
    for (Map.Entry<String, Object> entry : columns) {
      if (entry.getValue() instanceof Number n
          && n.doubleValue() == Math.rint(n.doubleValue())
          && n.intValue() >= 0
          && n.intValue() <= MAX_DECIMALS) {
        fixed.put(entry.getKey(), n.intValue());
      }
    }
    return fixed;
  }

  /** The colour of the {@code index}th series or slice. */
  Color color(int index) {
    return palette.get(Math.floorMod(index, palette.size()));
  }

  /** A formatter for the numbers of {@code column}; not thread-safe, one per document. */
  NumberText numbers(String column) {
    return numberText(column == null ? null : decimals.get(column));
  }

  /** A formatter with {@code fixed} decimals (null: integers without, others at most two). */
  NumberText numberText(Integer fixed) {
    return new NumberText(locale, fixed);
  }

  /**
   * The zero digits of the digit sets the bundled fonts print: Latin, Arabic-Indic and extended
   * Arabic-Indic (Persian, Urdu), the last two in DejaVu Sans.
   */
  static final String PRINTED_ZERO_DIGITS = "0\u0660\u06f0";

  /** Numbers as a reader expects them in {@link #locale}; one instance per column and document. */
  static final class NumberText {
    private final DecimalFormat format;
    private final Integer fixed;

    NumberText(Locale locale, Integer fixed) {
      this.fixed = fixed;
      DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(locale);
      if (PRINTED_ZERO_DIGITS.indexOf(symbols.getZeroDigit()) < 0) {
        // digits of a script no bundled font has (Devanagari, Bengali, Thai…) would print as "?"
        // in tables and as empty boxes on chart axes: the locale's separators, Latin digits
        symbols.setZeroDigit('0');
      }
      format = new DecimalFormat("#,##0", symbols);
      format.setRoundingMode(RoundingMode.HALF_UP);
      if (fixed != null) {
        format.setMinimumFractionDigits(fixed);
        format.setMaximumFractionDigits(fixed);
      } else {
        format.setMaximumFractionDigits(2);
      }
    }

    /** {@code 61669} as {@code 61,669} (en) or {@code 61.669} (de); not-a-number as is. */
    String format(Number number) {
      if (number instanceof Double || number instanceof Float) {
        double value = number.doubleValue();
        if (!Double.isFinite(value)) {
          return CellText.floating(value);
        }
        return format.format(BigDecimal.valueOf(value));
      }
      if (number instanceof BigDecimal decimal) {
        return format.format(decimal);
      }
      if (number instanceof Long
          || number instanceof Integer
          || number instanceof Short
          || number instanceof Byte) {
        return format.format(number.longValue());
      }
      try {
        // java.math.BigInteger, the SQL client's Numeric, …: exactly, through their text
        return format.format(new BigDecimal(number.toString()));
      } catch (NumberFormatException notFinite) {
        return String.valueOf(number);
      }
    }

    /** The formatter itself, for chart axes (which take a {@link java.text.NumberFormat}). */
    java.text.NumberFormat asFormat() {
      return (java.text.NumberFormat) format.clone();
    }

    /** Whether the integers of this column keep decimals (a fixed count was asked for). */
    boolean fixed() {
      return fixed != null;
    }
  }

  private static List<Color> colors(String... hex) {
    List<Color> colors = new ArrayList<>();
    for (String h : hex) {
      colors.add(new Color(Integer.parseInt(h.substring(1), 16)));
    }
    return colors;
  }
}
