package dev.periodica.dataset;

import java.util.Locale;
import java.util.Optional;

/** The kinds of dataset fields queries know how to filter, aggregate and render. */
public enum FieldType {
  TEXT("text", "text"),
  NUMBER("number", "numeric"),
  TIMESTAMP("timestamp", "timestamptz"),
  BOOLEAN("boolean", "boolean");

  private final String code;
  private final String sqlType;

  FieldType(String code, String sqlType) {
    this.code = code;
    this.sqlType = sqlType;
  }

  public String code() {
    return code;
  }

  /** The PostgreSQL type a bound value is cast to when compared with a field of this kind. */
  public String sqlType() {
    return sqlType;
  }

  /** The kind of a PostgreSQL column type, or empty when queries do not use such columns. */
  public static Optional<FieldType> ofColumnType(String dataType) {
    String type = dataType.toLowerCase(Locale.ROOT);
    if (type.equals("text") || type.startsWith("character") || type.equals("uuid")) {
      return Optional.of(TEXT);
    }
    if (type.equals("boolean")) {
      return Optional.of(BOOLEAN);
    }
    if (type.startsWith("timestamp") || type.equals("date")) {
      return Optional.of(TIMESTAMP);
    }
    if (type.equals("smallint")
        || type.equals("integer")
        || type.equals("bigint")
        || type.equals("numeric")
        || type.equals("real")
        || type.equals("double precision")) {
      return Optional.of(NUMBER);
    }
    return Optional.empty();
  }
}
