package dev.periodica.store;

import dev.periodica.dataset.Dataset;
import dev.periodica.dataset.DatasetCatalog;
import dev.periodica.dataset.FieldType;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the datasets from the catalog: every table and view of the datasets schema, with the
 * columns of kinds queries understand. The time field is a timestamp column named {@code time},
 * {@code ts}, {@code timestamp} or {@code created_at}, else the first timestamp column.
 */
public final class PgDatasetCatalog implements DatasetCatalog {
  private static final List<String> TIME_NAMES = List.of("time", "ts", "timestamp", "created_at");
  private static final String COLUMNS =
      """
      SELECT c.table_name, c.column_name, c.data_type
      FROM information_schema.columns c
      JOIN information_schema.tables t
        ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = $1 AND t.table_type IN ('BASE TABLE', 'VIEW')
        AND ($2::text IS NULL OR c.table_name = $2)
      ORDER BY c.table_name, c.ordinal_position
      """;

  private final Pool pool;
  private final String schema;

  public PgDatasetCatalog(Pool pool, String schema) {
    this.pool = pool;
    this.schema = schema;
  }

  @Override
  public Future<List<Dataset>> all() {
    return read(null);
  }

  @Override
  public Future<Optional<Dataset>> find(String name) {
    return read(name).map(list -> list.stream().findFirst());
  }

  private Future<List<Dataset>> read(String name) {
    return pool.preparedQuery(COLUMNS)
        .execute(Tuple.of(schema, name))
        .map(
            rows -> {
              Map<String, List<Dataset.Field>> tables = new LinkedHashMap<>();
              for (Row row : rows) {
                String table = row.getString("table_name");
                List<Dataset.Field> fields = tables.computeIfAbsent(table, t -> new ArrayList<>());
                FieldType.ofColumnType(row.getString("data_type"))
                    .ifPresent(
                        type -> fields.add(new Dataset.Field(row.getString("column_name"), type)));
              }
              List<Dataset> datasets = new ArrayList<>();
              tables.forEach(
                  (table, fields) -> datasets.add(new Dataset(table, timeField(fields), fields)));
              return datasets;
            });
  }

  private static String timeField(List<Dataset.Field> fields) {
    List<Dataset.Field> times =
        fields.stream().filter(field -> field.type() == FieldType.TIMESTAMP).toList();
    return times.stream()
        .filter(field -> TIME_NAMES.contains(field.name().toLowerCase(Locale.ROOT)))
        .findFirst()
        .or(() -> times.stream().findFirst())
        .map(Dataset.Field::name)
        .orElse(null);
  }
}
