package dev.periodica.render;

import dev.periodica.common.Invalid;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * An image given in report or widget settings: base64, or a {@code data:image/...;base64,} URL, of
 * a PNG, JPEG, GIF or BMP no larger than {@link #MAX_PIXELS} pixels, so a small file cannot expand
 * into gigabytes when decoded. Its size is read from the header without decoding it.
 */
public record ReportImage(byte[] bytes, int width, int height) {
  static final long MAX_PIXELS = 25_000_000;
  static final int MAX_BYTES = 4 * 1024 * 1024;

  /** How an image fills its box, after CSS {@code object-fit}. */
  public enum Fit {
    CONTAIN,
    COVER,
    FILL,
    NONE;

    /**
     * {@code contain} (also the seed's {@code fit}), {@code cover}, {@code fill} ({@code stretch})
     * or {@code none}; anything else is {@code contain}, the choice that never crops or distorts.
     */
    static Fit of(Object value) {
      return switch (String.valueOf(value).toLowerCase(Locale.ROOT)) {
        case "cover" -> COVER;
        case "fill", "stretch" -> FILL;
        case "none" -> NONE;
        default -> CONTAIN;
      };
    }
  }

  /** Reads {@code value}; {@code where} names the setting in the message if it is not an image. */
  static ReportImage read(Object value, String where) {
    if (!(value instanceof String text) || text.isBlank()) {
      throw new Invalid(where + ".image should be an image as base64 or a data URL");
    }
    String encoded = text.strip();
    if (encoded.regionMatches(true, 0, "data:", 0, 5)) {
      int comma = encoded.indexOf(',');
      if (comma < 0 || !encoded.substring(0, comma).toLowerCase(Locale.ROOT).endsWith(";base64")) {
        throw new Invalid(where + ".image should be a base64 data URL (data:image/png;base64,…)");
      }
      encoded = encoded.substring(comma + 1);
    }
    byte[] bytes;
    try {
      bytes = Base64.getMimeDecoder().decode(encoded);
    } catch (IllegalArgumentException e) {
      throw new Invalid(where + ".image is not valid base64");
    }
    if (bytes.length == 0) {
      throw new Invalid(where + ".image should be a PNG, JPEG, GIF or BMP image");
    }
    if (bytes.length > MAX_BYTES) {
      throw new Invalid(where + ".image should be at most " + MAX_BYTES / 1024 / 1024 + " MiB");
    }
    try (ImageInputStream stream =
        ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(stream);
      if (stream == null || !readers.hasNext()) {
        throw new Invalid(where + ".image should be a PNG, JPEG, GIF or BMP image");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(stream);
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        if ((long) width * height > MAX_PIXELS) {
          throw new Invalid(
              where + ".image is " + width + "×" + height + " pixels; at most 25 megapixels");
        }
        return new ReportImage(bytes, width, height);
      } finally {
        reader.dispose();
      }
    } catch (IOException e) {
      throw new Invalid(where + ".image could not be read: " + e.getMessage());
    }
  }

  /**
   * Where the image goes in a box of {@code boxWidth}×{@code boxHeight} points: {@code [x, y,
   * width, height]} relative to the box's bottom left corner, aligned per {@code align} and centred
   * vertically. The drawn size may exceed the box (cover, none): the caller clips to the box.
   */
  float[] place(Fit fit, String align, float boxWidth, float boxHeight) {
    float w;
    float h;
    switch (fit) {
      case FILL -> {
        w = boxWidth;
        h = boxHeight;
      }
      case NONE -> {
        w = width * 0.75f; // 96 dpi pixels as points
        h = height * 0.75f;
      }
      default -> {
        float scale =
            fit == Fit.COVER
                ? Math.max(boxWidth / width, boxHeight / height)
                : Math.min(boxWidth / width, boxHeight / height);
        w = width * scale;
        h = height * scale;
      }
    }
    float x =
        switch (align == null ? "left" : align.toLowerCase(Locale.ROOT)) {
          case "right" -> boxWidth - w;
          case "center" -> (boxWidth - w) / 2;
          default -> 0;
        };
    return new float[] {x, (boxHeight - h) / 2, w, h};
  }
}
