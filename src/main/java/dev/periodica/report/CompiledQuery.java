package dev.periodica.report;

import java.util.List;

/**
 * One parameterised SQL statement: identifiers come only from a dataset's own fields, every value
 * is a bind parameter ({@code $1}, {@code $2}, …) in {@code params}.
 */
public record CompiledQuery(String sql, List<Object> params, List<String> columns) {
  public CompiledQuery {
    params = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(params));
    columns = List.copyOf(columns);
  }
}
