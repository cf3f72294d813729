package dev.periodica.common;

import java.util.List;
import java.util.Map;

/**
 * One page of a list: {@code limit} rows after {@code offset}, ordered by {@code sort}, and, when
 * {@code namePrefix} is set, only names starting with it (case-insensitive); {@code filters} holds
 * the resource's own query filters (e.g. a task list's {@code job}), already validated.
 */
public record PageRequest(
    int limit, int offset, List<SortKey> sort, String namePrefix, Map<String, String> filters) {
  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 1000;

  public PageRequest {
    sort = List.copyOf(sort);
    filters = Map.copyOf(filters);
  }

  public PageRequest(int limit, int offset, List<SortKey> sort, String namePrefix) {
    this(limit, offset, sort, namePrefix, Map.of());
  }

  /** This page with the given resource filters (absent or empty values left out). */
  public PageRequest withFilters(Map<String, String> given) {
    return new PageRequest(limit, offset, sort, namePrefix, given);
  }

  /** One ordering key: a field name the resource allows, ascending unless {@code descending}. */
  public record SortKey(String field, boolean descending) {}
}
