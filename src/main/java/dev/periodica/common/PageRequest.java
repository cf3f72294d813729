package dev.periodica.common;

import java.util.List;

/**
 * One page of a list: {@code limit} rows after {@code offset}, ordered by {@code sort}, and, when
 * {@code namePrefix} is set, only names starting with it (case-insensitive).
 */
public record PageRequest(int limit, int offset, List<SortKey> sort, String namePrefix) {
  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 1000;

  public PageRequest {
    sort = List.copyOf(sort);
  }

  /** One ordering key: a field name the resource allows, ascending unless {@code descending}. */
  public record SortKey(String field, boolean descending) {}
}
