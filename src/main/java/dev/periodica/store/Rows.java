package dev.periodica.store;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/** Small row-mapping helpers shared by the repositories. */
final class Rows {
  private Rows() {}

  static List<UUID> uuids(Row row, String column) {
    return uuids(row, row.getColumnIndex(column));
  }

  static List<UUID> uuids(Row row, int position) {
    UUID[] values = row.getArrayOfUUIDs(position);
    return values == null ? List.of() : Arrays.asList(values);
  }

  static JsonObject json(Row row, int position) {
    Object value = row.getValue(position);
    return value instanceof JsonObject object ? object : new JsonObject();
  }

  static JsonObject json(Row row, String column) {
    return json(row, row.getColumnIndex(column));
  }

  /** A jsonb value that is a JSON text or object (a name or a structure); null otherwise. */
  static Object jsonValue(Row row, String column) {
    return jsonValue(row, row.getColumnIndex(column));
  }

  static Object jsonValue(Row row, int position) {
    Object value = row.getValue(position);
    return value instanceof JsonObject || value instanceof String ? value : null;
  }

  /** The object in {@code column}, or null when there is none. */
  static JsonObject jsonOrNull(Row row, String column) {
    return jsonOrNull(row, row.getColumnIndex(column));
  }

  static JsonObject jsonOrNull(Row row, int position) {
    return row.getValue(position) instanceof JsonObject object ? object : null;
  }

  static <T> Optional<T> first(RowSet<Row> rows, Function<Row, T> mapper) {
    var iterator = rows.iterator();
    return iterator.hasNext() ? Optional.of(mapper.apply(iterator.next())) : Optional.empty();
  }

  static <T> List<T> all(RowSet<Row> rows, Function<Row, T> mapper) {
    List<T> list = new ArrayList<>(rows.size());
    rows.forEach(row -> list.add(mapper.apply(row)));
    return list;
  }

  static UUID[] array(java.util.Collection<UUID> ids) {
    return ids.stream().distinct().sorted().toArray(UUID[]::new);
  }
}
