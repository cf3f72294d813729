package dev.periodica.common;

import java.util.Optional;
import java.util.UUID;

/** Parsing of the uuid ids the API accepts: the canonical 8-4-4-4-12 hex form only. */
public final class Ids {
  /** The nil uuid: a task pinned to it runs on any instance. */
  public static final UUID ANY_INSTANCE = new UUID(0L, 0L);

  private Ids() {}

  /**
   * The uuid written in {@code text}, or empty when it is not a canonical uuid. Read digit by digit
   * rather than matched with a regular expression then parsed again: every request parses its
   * caller's id and usually the id in its path.
   */
  public static Optional<UUID> parse(String text) {
    if (text == null || text.length() != 36) {
      return Optional.empty();
    }
    long high = 0;
    long low = 0;
    for (int i = 0; i < 36; i++) {
      char c = text.charAt(i);
      if (i == 8 || i == 13 || i == 18 || i == 23) {
        if (c != '-') {
          return Optional.empty();
        }
        continue;
      }
      int digit = hexDigit(c);
      if (digit < 0) {
        return Optional.empty();
      }
      // the first 16 digits (before the dash at 18) are the high half
      if (i < 18) {
        high = high << 4 | digit;
      } else {
        low = low << 4 | digit;
      }
    }
    return Optional.of(new UUID(high, low));
  }

  private static int hexDigit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  /**
   * The uuid of {@code thing}, or {@link Invalid} with {@code <thing> id should be uuid format}.
   */
  public static UUID require(String text, String thing) {
    return parse(text).orElseThrow(() -> new Invalid(Messages.idNotUuid(thing)));
  }
}
