package dev.periodica.common;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** Parsing of the uuid ids the API accepts: the canonical 8-4-4-4-12 hex form only. */
public final class Ids {
  /** The nil uuid: a task pinned to it runs on any instance. */
  public static final UUID ANY_INSTANCE = new UUID(0L, 0L);

  private static final Pattern CANONICAL =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private Ids() {}

  /** The uuid written in {@code text}, or empty when it is not a canonical uuid. */
  public static Optional<UUID> parse(String text) {
    if (text == null || !CANONICAL.matcher(text).matches()) {
      return Optional.empty();
    }
    return Optional.of(UUID.fromString(text));
  }

  /**
   * The uuid of {@code thing}, or {@link Invalid} with {@code <thing> id should be uuid format}.
   */
  public static UUID require(String text, String thing) {
    return parse(text).orElseThrow(() -> new Invalid(Messages.idNotUuid(thing)));
  }
}
