package dev.periodica.store;

import dev.periodica.common.Invalid;
import dev.periodica.common.Messages;
import dev.periodica.common.PageRequest;
import dev.periodica.common.PageRequest.SortKey;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The parts of a paged list query that are not bind parameters: the ORDER BY clause, built only
 * from a resource's whitelist of sortable columns, always ending on the id so pages are stable.
 */
final class Listing {
  private Listing() {}

  static String orderBy(PageRequest page, Map<String, String> sortable, String idColumn) {
    StringJoiner order = new StringJoiner(", ");
    if (page.sort().isEmpty()) {
      order.add(sortable.get("created_at") + " ASC");
    }
    for (SortKey key : page.sort()) {
      String column = sortable.get(key.field());
      if (column == null) {
        throw new Invalid(
            String.format(
                Messages.INVALID_SORT,
                String.join(", ", new java.util.TreeSet<>(sortable.keySet()))));
      }
      order.add(column + (key.descending() ? " DESC" : " ASC"));
    }
    return order.add(idColumn + " ASC").toString();
  }

  /** A LIKE pattern matching names starting with {@code prefix}, wildcards in it escaped. */
  static String prefixPattern(String prefix) {
    if (prefix == null || prefix.isEmpty()) {
      return null;
    }
    String escaped =
        prefix
            .toLowerCase(Locale.ROOT)
            .replace("\\", "\\\\")
            .replace("%", "\\%")
            .replace("_", "\\_");
    return escaped + "%";
  }
}
