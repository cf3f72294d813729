package dev.periodica.api.compat.pandora;

import dev.periodica.common.Invalid;
import dev.periodica.common.PageRequest;
import dev.periodica.common.PageRequest.SortKey;
import io.vertx.core.MultiMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code sort}, {@code order}, {@code pageNo}, {@code pageSize} and {@code prefix} of Pandora's
 * lists, read into a {@link PageRequest}: pages count from 1, 10 rows by default, newest first.
 */
record Paging(int pageNo, int pageSize, PageRequest request, String prefix) {
  static final int DEFAULT_PAGE_SIZE = 10;
  static final int MAX_PAGE_NO = 1_000_000;
  static final int MAX_PREFIX = 255;

  /**
   * A Pandora sort column: the key the repository sorts on, and whether its order is the reverse (a
   * status sorted by name while stored as a flag).
   */
  record Column(String key, boolean reversed) {}

  /**
   * Reads the query; {@code columns} maps Pandora's sort names to the repository's, the first is
   * the default; {@code prefix} stays text for the caller to apply.
   */
  static Paging read(MultiMap query, Map<String, Column> columns, String defaultSort) {
    int pageNo = integer(query, "pageNo", 1, MAX_PAGE_NO, 1);
    int pageSize = integer(query, "pageSize", 1, PageRequest.MAX_LIMIT, DEFAULT_PAGE_SIZE);
    String sort = blankToNull(query.get("sort"));
    Column column = columns.get(sort == null ? defaultSort : sort);
    if (column == null) {
      throw new Invalid(PandoraMessages.oneOf("sort", List.copyOf(columns.keySet())));
    }
    String order = blankToNull(query.get("order"));
    boolean descending;
    if (order == null || order.equalsIgnoreCase("desc")) {
      descending = true;
    } else if (order.equalsIgnoreCase("asc")) {
      descending = false;
    } else {
      throw new Invalid(PandoraMessages.ORDER);
    }
    String prefix = query.get("prefix");
    if (prefix != null && (prefix.length() > MAX_PREFIX || prefix.indexOf('\u0000') >= 0)) {
      throw new Invalid(PandoraMessages.text("prefix", MAX_PREFIX));
    }
    PageRequest request =
        new PageRequest(
            pageSize,
            (pageNo - 1) * pageSize,
            List.of(new SortKey(column.key(), descending != column.reversed())),
            prefix == null || prefix.isEmpty() ? null : prefix);
    return new Paging(pageNo, pageSize, request, request.namePrefix());
  }

  private static int integer(MultiMap query, String key, int min, int max, int fallback) {
    String text = blankToNull(query.get(key));
    if (text == null) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(text.trim());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new Invalid(PandoraMessages.integer(key, min, max));
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.trim();
  }
}
