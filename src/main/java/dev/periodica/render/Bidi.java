package dev.periodica.render;

import com.ibm.icu.text.ArabicShaping;
import com.ibm.icu.text.ArabicShapingException;

/**
 * Right-to-left text (Hebrew, Arabic) as a PDF sets it: a PDF draws glyphs left to right, one per
 * character, so a line is turned into its visual order first (the Unicode bidirectional algorithm,
 * brackets mirrored) and Arabic letters into their joining forms (initial, medial, final, isolated,
 * and the lam-alef ligatures: Arabic Presentation Forms-B, which DejaVu Sans has). Text with no
 * right-to-left character is left as it is, at the cost of one scan.
 */
final class Bidi {
  private Bidi() {}

  /** {@code logical} as drawn from left to right: itself unless it holds right-to-left text. */
  static String visual(String logical) {
    if (!rightToLeft(logical)) {
      return logical;
    }
    String shaped;
    try {
      shaped =
          new ArabicShaping(
                  ArabicShaping.LETTERS_SHAPE
                      | ArabicShaping.TEXT_DIRECTION_LOGICAL
                      | ArabicShaping.LENGTH_GROW_SHRINK)
              .shape(logical);
    } catch (ArabicShapingException e) {
      shaped = logical; // not with LENGTH_GROW_SHRINK; the letters then stay unjoined
    }
    com.ibm.icu.text.Bidi bidi =
        new com.ibm.icu.text.Bidi(shaped, com.ibm.icu.text.Bidi.LEVEL_DEFAULT_LTR);
    return bidi.writeReordered(com.ibm.icu.text.Bidi.DO_MIRRORING);
  }

  /** Whether {@code text} holds a Hebrew, Arabic (or other right-to-left) letter. */
  static boolean rightToLeft(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 0x0590
          && (c <= 0x08FF || c >= 0xFB1D && c <= 0xFDFF || c >= 0xFE70 && c <= 0xFEFF)) {
        return true;
      }
    }
    return false;
  }
}
