package dev.periodica.api;

import dev.periodica.common.Ids;
import dev.periodica.common.Invalid;
import dev.periodica.common.Messages;
import dev.periodica.common.PageRequest;
import dev.periodica.common.PageRequest.SortKey;
import io.vertx.core.MultiMap;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Reads {@code limit}, {@code offset}, {@code sort} ({@code name,-created_at}) and {@code q}. */
final class PageParams {
  static final int MAX_OFFSET = 10_000_000;
  static final int MAX_SORT_KEYS = 5;

  private PageParams() {}

  static PageRequest read(MultiMap query) {
    int limit = integer(query, "limit", PageRequest.DEFAULT_LIMIT, 1, PageRequest.MAX_LIMIT);
    int offset = integer(query, "offset", 0, 0, MAX_OFFSET);
    String prefix = query.get("q");
    if (prefix != null && prefix.length() > Input.MAX_NAME) {
      throw new Invalid(Messages.tooLong("q", Input.MAX_NAME));
    }
    return new PageRequest(limit, offset, sort(query.get("sort")), prefix);
  }

  /** The optional id filter {@code name} of a list, e.g. {@code dashboard_id} of widgets. */
  static UUID filter(MultiMap query, String name, String thing) {
    String value = name == null ? null : query.get(name);
    return value == null || value.isEmpty() ? null : Ids.require(value, thing);
  }

  /** The integer parameter {@code name} within [min, max], {@code fallback} when absent. */
  static int integer(MultiMap query, String name, int fallback, int min, int max) {
    String value = query.get(name);
    if (value == null || value.isEmpty()) {
      return fallback;
    }
    try {
      int number = Integer.parseInt(value);
      if (number >= min && number <= max) {
        return number;
      }
    } catch (NumberFormatException e) {
      // answered below with the accepted range
    }
    throw new Invalid(Messages.mustBe(name, "an integer from " + min + " to " + max));
  }

  private static List<SortKey> sort(String value) {
    List<SortKey> keys = new ArrayList<>();
    if (value == null || value.isBlank()) {
      return keys;
    }
    for (String part : value.split(",")) {
      String field = part.trim();
      boolean descending = field.startsWith("-");
      keys.add(new SortKey(descending ? field.substring(1) : field, descending));
    }
    if (keys.size() > MAX_SORT_KEYS) {
      throw new Invalid(Messages.mustBe("sort", "at most " + MAX_SORT_KEYS + " fields"));
    }
    return keys;
  }
}
