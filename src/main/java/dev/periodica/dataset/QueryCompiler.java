package dev.periodica.dataset;

import dev.periodica.common.Invalid;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compiles a widget series' structured {@code query} (seed 000's shape) into one parameterised SQL
 * statement. Safety rests on three rules: identifiers are only the dataset's own fields (and are
 * quoted), functions and operators come from fixed lists, and every value, including task constants
 * ({@code ${key}}), is a bind parameter cast in SQL. Anything else is refused with a message naming
 * what is wrong.
 */
public final class QueryCompiler {
  static final Set<String> AGGREGATIONS = Set.of("count", "sum", "avg", "min", "max");
  static final Set<String> OPERATORS =
      Set.of("is", "in", "gt", "gte", "lt", "lte", "between", "contains", "starts_with", "is_null");
  static final int MAX_FIELDS = 50;
  static final int MAX_FILTERS = 50;
  static final int MAX_IN_VALUES = 1000;
  static final int MAX_OFFSET = 1_000_000;
  static final String BUCKET = "bucket";

  /** Stands for a task constant whose value is not known when a query is only being checked. */
  private static final Object UNKNOWN = new Object();

  private static final Pattern ALIAS = Pattern.compile("[\\p{L}\\p{N}_ .\\-]{1,63}");
  private static final Pattern INTERVAL = Pattern.compile("(\\d{1,4})([smhdwMy])");
  private static final Pattern CONSTANT = Pattern.compile("\\$\\{([A-Za-z0-9_.\\-]{1,64})}");

  private final String schema;
  private final int rowCap;
  private final long defaultLimit;

  public QueryCompiler(String schema, int rowCap) {
    this(schema, rowCap, rowCap);
  }

  private QueryCompiler(String schema, int rowCap, long defaultLimit) {
    this.schema = schema;
    this.rowCap = rowCap;
    this.defaultLimit = defaultLimit;
  }

  /**
   * A compiler for exports: a query's {@code limit} may go up to {@code exportRowCap}, and a query
   * without one reads one row past it, so that the export can tell a result that passes the cap
   * from one that meets it.
   */
  public QueryCompiler forExport(int exportRowCap) {
    return new QueryCompiler(schema, exportRowCap, exportRowCap + 1L);
  }

  /**
   * Compiles {@code query} over {@code dataset}; {@code period} may be null (no time range), and
   * {@code constants} null when the task's parameters are not known yet (checking a query when a
   * widget is saved): {@code ${key}} values are then accepted as they are.
   */
  public CompiledQuery compile(
      JsonObject query, Dataset dataset, Period period, JsonObject constants) {
    return new Build(query, dataset, constants).compile(period);
  }

  /** The state of one compilation: parameters and output columns accumulate as it goes. */
  private final class Build {
    private final JsonObject query;
    private final Dataset dataset;
    private final JsonObject constants;
    private final List<Object> params = new ArrayList<>();
    private final List<String> columns = new ArrayList<>();
    private final List<String> groupBy = new ArrayList<>();
    private boolean aggregated;

    Build(JsonObject query, Dataset dataset, JsonObject constants) {
      this.query = query;
      this.dataset = dataset;
      this.constants = constants;
    }

    CompiledQuery compile(Period period) {
      StringJoiner select = new StringJoiner(", ");
      String bucket = bucket();
      if (bucket != null) {
        select.add(bucket + " AS " + quote(BUCKET));
        columns.add(BUCKET);
        groupBy.add(bucket);
      }
      JsonArray fields = array("fields");
      if (fields.size() > MAX_FIELDS) {
        throw new Invalid("query fields should be at most " + MAX_FIELDS);
      }
      if (fields.isEmpty()) {
        for (Dataset.Field field : dataset.fields()) {
          select.add(quote(field.name()));
          columns.add(field.name());
        }
      }
      List<String> plain = new ArrayList<>();
      for (Object item : fields) {
        if (!(item instanceof JsonObject field)) {
          throw new Invalid("query fields should be objects with a field name");
        }
        select.add(selectItem(field, plain));
      }
      for (Object name : array("group_by")) {
        groupBy.add(quote(field(name, "group_by").name()));
      }
      if (aggregated) {
        plain.forEach(
            expression -> {
              if (!groupBy.contains(expression)) {
                groupBy.add(expression);
              }
            });
      }
      StringBuilder sql = new StringBuilder("SELECT ");
      if (Boolean.TRUE.equals(query.getValue("distinct"))) {
        sql.append("DISTINCT ");
      }
      sql.append(select)
          .append(" FROM ")
          .append(quote(schema))
          .append('.')
          .append(quote(dataset.name()));
      List<String> where = new ArrayList<>();
      if (period != null) {
        String time = timeField();
        where.add(time + " >= " + bind(period.from().toString(), FieldType.TIMESTAMP));
        where.add(time + " < " + bind(period.to().toString(), FieldType.TIMESTAMP));
      }
      JsonArray filters = array("filters");
      if (filters.size() > MAX_FILTERS) {
        throw new Invalid("query filters should be at most " + MAX_FILTERS);
      }
      for (Object filter : filters) {
        if (!(filter instanceof JsonObject object)) {
          throw new Invalid("query filters should be objects");
        }
        where.add(filter(object));
      }
      if (!where.isEmpty()) {
        sql.append(" WHERE ").append(String.join(" AND ", where));
      }
      if (!groupBy.isEmpty() && (aggregated || bucket != null)) {
        sql.append(" GROUP BY ").append(String.join(", ", groupBy));
      }
      String order = orderBy(bucket);
      if (!order.isEmpty()) {
        sql.append(" ORDER BY ").append(order);
      }
      // checked integers, not caller text: written as literals because LIMIT wants a bigint
      sql.append(" LIMIT ").append(limit());
      sql.append(" OFFSET ").append(offset());
      return new CompiledQuery(sql.toString(), params, columns);
    }

    private String selectItem(JsonObject item, List<String> plain) {
      Object aggregation = item.getValue("aggregation");
      String fieldName = item.getValue("field") instanceof String text ? text : null;
      String expression;
      String defaultName;
      if (aggregation instanceof JsonObject spec && spec.getValue("func") != null) {
        String func = String.valueOf(spec.getValue("func")).toLowerCase(Locale.ROOT);
        if (!AGGREGATIONS.contains(func)) {
          throw new Invalid("aggregation should be one of count, sum, avg, min, max");
        }
        boolean distinct = Boolean.TRUE.equals(spec.getValue("distinct"));
        if ("count".equals(func) && (fieldName == null || "*".equals(fieldName)) && !distinct) {
          expression = "count(*)";
          defaultName = "count";
        } else {
          Dataset.Field field = field(fieldName, "fields");
          if (("sum".equals(func) || "avg".equals(func)) && field.type() != FieldType.NUMBER) {
            throw new Invalid(func + " needs a number field, and " + field.name() + " is not one");
          }
          expression = func + "(" + (distinct ? "DISTINCT " : "") + quote(field.name()) + ")";
          defaultName = func + "_" + field.name();
        }
        aggregated = true;
      } else if (aggregation != null && !(aggregation instanceof JsonObject)) {
        throw new Invalid("aggregation should be an object with func");
      } else {
        Dataset.Field field = field(fieldName, "fields");
        expression = quote(field.name());
        defaultName = field.name();
        plain.add(expression);
      }
      String alias = alias(item.getValue("alias"), defaultName);
      columns.add(alias);
      return expression + " AS " + quote(alias);
    }

    private String alias(Object value, String fallback) {
      String alias = value instanceof String text && !text.isBlank() ? text : fallback;
      if (!ALIAS.matcher(alias).matches()) {
        throw new Invalid(
            "alias should be 1 to 63 letters, digits, spaces, '_', '.' or '-': " + shorten(alias));
      }
      if (columns.contains(alias)) {
        throw new Invalid("two query fields are named " + alias);
      }
      return alias;
    }

    private String filter(JsonObject filter) {
      Dataset.Field field = field(filter.getValue("field"), "filters");
      Object operatorValue = filter.getValue("operator");
      String operator = operatorValue instanceof String text ? text : "is";
      if (!OPERATORS.contains(operator)) {
        throw new Invalid(
            "filter operator should be one of "
                + String.join(", ", OPERATORS.stream().sorted().toList()));
      }
      String column = quote(field.name());
      Object value = constant(filter.getValue("value"));
      String condition =
          switch (operator) {
            case "is_null" -> column + " IS NULL";
            case "is" ->
                value == null ? column + " IS NULL" : column + " = " + bind(value, field.type());
            case "in" -> column + " = ANY(" + bindList(value, field.type()) + ")";
            case "gt", "gte", "lt", "lte" -> {
              ordered(field);
              String symbol =
                  switch (operator) {
                    case "gt" -> ">";
                    case "gte" -> ">=";
                    case "lt" -> "<";
                    default -> "<=";
                  };
              yield column + " " + symbol + " " + bind(value, field.type());
            }
            case "between" -> {
              ordered(field);
              if (!(value instanceof JsonArray pair) || pair.size() != 2) {
                throw new Invalid("between needs a value of two items");
              }
              yield column
                  + " BETWEEN "
                  + bind(constant(pair.getValue(0)), field.type())
                  + " AND "
                  + bind(constant(pair.getValue(1)), field.type());
            }
            default -> {
              if (field.type() != FieldType.TEXT) {
                throw new Invalid(
                    operator + " needs a text field, and " + field.name() + " is not one");
              }
              String pattern = escapeLike(String.valueOf(requireValue(value)));
              String bound =
                  bind(
                      operator.equals("contains") ? "%" + pattern + "%" : pattern + "%",
                      FieldType.TEXT);
              yield column + " ILIKE " + bound + " ESCAPE '\\'";
            }
          };
      return Boolean.TRUE.equals(filter.getValue("negation"))
          ? "NOT (" + condition + ")"
          : condition;
    }

    private String orderBy(String bucket) {
      StringJoiner order = new StringJoiner(", ");
      for (Object item : array("order_by")) {
        if (!(item instanceof JsonObject spec)) {
          throw new Invalid("order_by items should be objects with field and direction");
        }
        Object name = spec.getValue("field");
        String direction =
            spec.getValue("direction") == null ? "asc" : String.valueOf(spec.getValue("direction"));
        if (!direction.equalsIgnoreCase("asc") && !direction.equalsIgnoreCase("desc")) {
          throw new Invalid("order_by direction should be asc or desc");
        }
        String target;
        if (name instanceof String text && columns.contains(text)) {
          target = quote(text);
        } else if (!aggregated && bucket == null) {
          target = quote(field(name, "order_by").name());
        } else {
          throw new Invalid(
              "order_by of a grouped query should name one of its fields: "
                  + shorten(String.valueOf(name)));
        }
        order.add(target + (direction.equalsIgnoreCase("desc") ? " DESC" : " ASC"));
      }
      if (order.length() == 0 && bucket != null) {
        order.add(quote(BUCKET) + " ASC");
      }
      return order.toString();
    }

    private String bucket() {
      Object interval = query.getValue("interval");
      if (interval == null || "".equals(interval)) {
        return null;
      }
      Matcher matcher = interval instanceof String text ? INTERVAL.matcher(text) : null;
      if (matcher == null || !matcher.matches() || Integer.parseInt(matcher.group(1)) == 0) {
        throw new Invalid(
            "interval should be a count and a unit such as 15m, 1h, 1d, 1w, 1M or 1y");
      }
      String time = timeField();
      int count = Integer.parseInt(matcher.group(1));
      String unit = matcher.group(2);
      if (unit.equals("M") || unit.equals("y")) {
        if (count != 1) {
          throw new Invalid("month and year intervals should be 1M or 1y");
        }
        return "date_trunc('" + (unit.equals("M") ? "month" : "year") + "', " + time + ")";
      }
      String unitName =
          switch (unit) {
            case "s" -> "seconds";
            case "m" -> "minutes";
            case "h" -> "hours";
            case "d" -> "days";
            default -> "weeks";
          };
      // date_bin takes a fixed stride; the origin is a Monday, so weeks start on Mondays
      return "date_bin("
          + bind(count + " " + unitName, null)
          + "::interval, "
          + time
          + ", TIMESTAMPTZ '2000-01-03 00:00:00+00')";
    }

    private String timeField() {
      if (dataset.timeField() == null) {
        throw new Invalid(
            "dataset " + dataset.name() + " has no time field for a period or interval");
      }
      return quote(dataset.timeField());
    }

    private Dataset.Field field(Object name, String where) {
      if (!(name instanceof String text)) {
        throw new Invalid(where + " should name a field of dataset " + dataset.name());
      }
      return dataset
          .field(text)
          .orElseThrow(
              () -> new Invalid("dataset " + dataset.name() + " has no field " + shorten(text)));
    }

    private void ordered(Dataset.Field field) {
      if (field.type() == FieldType.BOOLEAN) {
        throw new Invalid("comparisons need an ordered field, and " + field.name() + " is boolean");
      }
    }

    private Object constant(Object value) {
      if (value instanceof String text) {
        Matcher matcher = CONSTANT.matcher(text);
        if (matcher.matches()) {
          if (constants == null) {
            return UNKNOWN;
          }
          String key = matcher.group(1);
          if (!constants.containsKey(key)) {
            throw new Invalid("the task has no parameter " + key);
          }
          return constants.getValue(key);
        }
      }
      return value;
    }

    /** Adds {@code value} as a parameter checked against {@code type}; answers its placeholder. */
    private String bind(Object value, FieldType type) {
      params.add(type == null ? String.valueOf(value) : checked(requireValue(value), type));
      String placeholder = "$" + params.size() + "::text";
      return type == null ? placeholder : placeholder + "::" + type.sqlType();
    }

    private String bindList(Object value, FieldType type) {
      if (!(value instanceof JsonArray list) || list.isEmpty() || list.size() > MAX_IN_VALUES) {
        throw new Invalid("in needs a list of 1 to " + MAX_IN_VALUES + " values");
      }
      String[] values = new String[list.size()];
      for (int i = 0; i < list.size(); i++) {
        values[i] = checked(requireValue(constant(list.getValue(i))), type);
      }
      params.add(values);
      return "$" + params.size() + "::text[]::" + type.sqlType() + "[]";
    }

    private String checked(Object value, FieldType type) {
      if (value == UNKNOWN) {
        return switch (type) {
          case NUMBER -> "0";
          case TIMESTAMP -> "2000-01-01T00:00:00Z";
          case BOOLEAN -> "true";
          default -> "";
        };
      }
      String text = String.valueOf(value);
      if (text.indexOf('\u0000') >= 0 || text.length() > 10_000) {
        throw new Invalid("filter values should be text of at most 10000 characters");
      }
      try {
        switch (type) {
          case NUMBER -> new BigDecimal(text);
          case TIMESTAMP -> OffsetDateTime.parse(text);
          case BOOLEAN -> {
            if (!text.equals("true") && !text.equals("false")) {
              throw new IllegalArgumentException();
            }
          }
          default -> {}
        }
      } catch (IllegalArgumentException | DateTimeParseException e) {
        throw new Invalid("the value " + shorten(text) + " is not a " + type.code());
      }
      return text;
    }

    private Object requireValue(Object value) {
      if (value == null || value instanceof JsonObject || value instanceof JsonArray) {
        throw new Invalid("filter value should be a text, number or boolean");
      }
      return value;
    }

    private String limit() {
      Object value = query.getValue("limit");
      if (value == null) {
        return String.valueOf(defaultLimit);
      }
      if (!(value instanceof Number number)
          || number.longValue() < 1
          || number.longValue() > rowCap) {
        throw new Invalid("query limit should be an integer from 1 to " + rowCap);
      }
      return String.valueOf(number.longValue());
    }

    private String offset() {
      Object value = query.getValue("offset");
      if (value == null) {
        return "0";
      }
      if (!(value instanceof Number number)
          || number.longValue() < 0
          || number.longValue() > MAX_OFFSET) {
        throw new Invalid("query offset should be an integer from 0 to " + MAX_OFFSET);
      }
      return String.valueOf(number.longValue());
    }

    private JsonArray array(String key) {
      Object value = query.getValue(key);
      if (value == null) {
        return new JsonArray();
      }
      if (!(value instanceof JsonArray array)) {
        throw new Invalid("query " + key + " should be a list");
      }
      return array;
    }
  }

  static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  private static String escapeLike(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  private static String shorten(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "…" : text;
  }
}
