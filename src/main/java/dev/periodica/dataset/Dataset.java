package dev.periodica.dataset;

import java.util.List;
import java.util.Optional;

/**
 * A table or view reports may query: its fields with their kinds and the field periods apply to.
 * Queries may name nothing else: this is the whitelist the query compiler checks against.
 */
public record Dataset(String name, String timeField, List<Field> fields) {
  public Dataset {
    fields = List.copyOf(fields);
  }

  /** One queryable column. */
  public record Field(String name, FieldType type) {}

  public Optional<Field> field(String fieldName) {
    return fields.stream().filter(field -> field.name().equals(fieldName)).findFirst();
  }
}
