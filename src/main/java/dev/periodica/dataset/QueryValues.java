package dev.periodica.dataset;

import java.util.Collections;
import java.util.List;

/**
 * What a query answered as plain values: its column names in order, and each row's values in column
 * order, as a {@link RowSink} is given them.
 */
public record QueryValues(List<String> columns, List<List<Object>> rows) {
  public QueryValues {
    columns = List.copyOf(columns);
    rows = Collections.unmodifiableList(rows);
  }
}
