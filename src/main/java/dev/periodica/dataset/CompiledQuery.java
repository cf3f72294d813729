package dev.periodica.dataset;

import java.util.List;

/**
 * One parameterised SQL statement: identifiers come only from a dataset's own fields, every value
 * is a bind parameter ({@code $1}, {@code $2}, …) in {@code params}.
 *
 * @param columns the result's columns when known before running (empty: as the database answers)
 * @param internalColumns columns the statement adds for its own checks, dropped from the result
 */
public record CompiledQuery(
    String sql, List<Object> params, List<String> columns, List<String> internalColumns) {
  public CompiledQuery {
    params = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(params));
    columns = List.copyOf(columns);
    internalColumns = List.copyOf(internalColumns);
  }

  public CompiledQuery(String sql, List<Object> params, List<String> columns) {
    this(sql, params, columns, List.of());
  }
}
