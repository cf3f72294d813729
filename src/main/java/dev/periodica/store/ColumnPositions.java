package dev.periodica.store;

import io.vertx.sqlclient.Row;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each column of a select list sits, read once from the list's text, so that rows are read by
 * position: the client finds a column by name with a linear search of the row's names, which took
 * 30% of the CPU of a list of 50 tasks.
 */
final class ColumnPositions {
  private final String first;
  private final String[] names;
  private final Map<String, Integer> positions = new HashMap<>();

  /**
   * {@code selectList}: {@code SELECT a.x, a.y, f(a.z, 1) AS z, …} as the repositories write them.
   */
  ColumnPositions(String selectList) {
    String list = selectList.strip();
    if (list.regionMatches(true, 0, "SELECT ", 0, 7)) {
      list = list.substring(7);
    }
    String[] columns = topLevel(list);
    this.names = new String[columns.length];
    for (int i = 0; i < columns.length; i++) {
      names[i] = name(columns[i]);
      if (positions.put(names[i], i) != null) {
        // a position by name must be the one column of that name
        throw new IllegalArgumentException("column " + names[i] + " twice in " + selectList);
      }
    }
    this.first = names[0];
  }

  /** The list's columns: split at its commas outside parentheses ({@code COALESCE(a, b) AS x}). */
  private static String[] topLevel(String list) {
    java.util.List<String> columns = new java.util.ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < list.length(); i++) {
      char c = list.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        columns.add(list.substring(start, i));
        start = i + 1;
      }
    }
    columns.add(list.substring(start));
    return columns.toArray(String[]::new);
  }

  private static String name(String column) {
    String expression = column.strip();
    int alias = expression.lastIndexOf(" AS ");
    String name = alias >= 0 ? expression.substring(alias + 4) : expression;
    return name.substring(name.lastIndexOf('.') + 1).strip();
  }

  /**
   * The list's columns in {@code row}, from its first column's first occurrence on. A row that does
   * not hold the whole list there, in order (a statement returning its own columns), is read by
   * name instead.
   */
  At in(Row row) {
    int base = row.getColumnIndex(first);
    boolean whole = base >= 0 && base + names.length <= row.size();
    for (int i = 0; whole && i < names.length; i++) {
      whole = names[i].equals(row.getColumnName(base + i));
    }
    return whole ? new At(base, null) : new At(0, row);
  }

  /** How many columns the list has. */
  int size() {
    return names.length;
  }

  /** The list's columns in a row, from position {@code base} on. */
  At from(int base) {
    return new At(base, null);
  }

  /** The list's columns placed in one row. */
  final class At {
    private final int base;
    private final Row byName;

    private At(int base, Row byName) {
      this.base = base;
      this.byName = byName;
    }

    /**
     * The position of column {@code name} of the list in the row; in a row read by name, -1 when it
     * lacks the column.
     */
    int of(String name) {
      if (byName != null) {
        return byName.getColumnIndex(name);
      }
      Integer position = positions.get(name);
      if (position == null) {
        throw new IllegalArgumentException("no column " + name + " in the select list");
      }
      return base + position;
    }
  }
}
