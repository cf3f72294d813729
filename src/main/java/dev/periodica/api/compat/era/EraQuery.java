package dev.periodica.api.compat.era;

import dev.periodica.common.Ids;
import dev.periodica.common.Invalid;
import dev.periodica.task.TaskOrigin;
import dev.periodica.task.TaskQuery;
import dev.periodica.task.TaskQuery.Condition;
import dev.periodica.task.TaskQuery.Field;
import dev.periodica.task.TaskQuery.Order;
import io.vertx.core.MultiMap;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The list parameters of seed 003: {@code filter} (a JSON object of field → value or list of
 * values, all ANDed), {@code fields}/{@code mask} (the fields to answer), {@code offset}, {@code
 * limit}, {@code sort}/{@code order} (comma-separated fields, {@code -} for descending) and {@code
 * flat}. Each listed field is one SQL expression of the task ({@link TaskQuery.Field}).
 */
final class EraQuery {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;

  /** The fields a list shows, filters and sorts on, in the seed's order. */
  static final List<String> LIST_FIELDS =
      List.of(
          "id",
          "name",
          "isenabled",
          "svcscriptcode",
          "sitemode",
          "isregular",
          "overlap",
          "intervalsec",
          "dtstart",
          "dtstop",
          "schedule",
          "ext.lwt",
          "ext.ct");

  /** The fields one task may be projected on: the list's, and the rest of the entity. */
  static final List<String> ENTITY_FIELDS =
      List.of(
          "id",
          "name",
          "isenabled",
          "svcscriptcode",
          "sitemode",
          "sites",
          "isregular",
          "overlap",
          "intervalsec",
          "dtstart",
          "dtstop",
          "schedule",
          "periods",
          "opts",
          "opts.title",
          "opts.comment",
          "ext",
          "ext.ct",
          "ext.lwt");

  /** The fields one task shows when none are asked for: the whole entity. */
  static final List<String> ENTITY_FIELDS_SHOWN =
      List.of(
          "id",
          "name",
          "isenabled",
          "svcscriptcode",
          "sitemode",
          "sites",
          "isregular",
          "overlap",
          "intervalsec",
          "dtstart",
          "dtstop",
          "schedule",
          "periods",
          "opts",
          "ext");

  private record Column(Field field, String attribute, Function<Object, Object> value) {}

  private static final Map<String, Column> COLUMNS = columns();

  private EraQuery() {}

  private static Map<String, Column> columns() {
    Map<String, Column> columns = new LinkedHashMap<>();
    columns.put("id", new Column(Field.ID, null, EraQuery::uuid));
    columns.put("name", new Column(Field.NAME, null, EraQuery::text));
    columns.put("isenabled", new Column(Field.ENABLED, null, EraQuery::intbool));
    columns.put("svcscriptcode", new Column(Field.ATTRIBUTE, "svcscriptcode", EraQuery::text));
    columns.put("sitemode", new Column(Field.ATTRIBUTE, "sitemode", EraQuery::text));
    columns.put("isregular", new Column(Field.REPEATING, null, EraQuery::intbool));
    columns.put("overlap", new Column(Field.OVERLAP, null, EraQuery::overlap));
    columns.put("intervalsec", new Column(Field.INTERVAL_SECONDS, null, EraQuery::integer));
    columns.put("dtstart", new Column(Field.START_AT, null, EraQuery::time));
    columns.put("dtstop", new Column(Field.STOP_AT, null, EraQuery::time));
    columns.put("schedule", new Column(Field.CALENDAR_KIND, null, EraQuery::text));
    columns.put("ext.lwt", new Column(Field.UPDATED_AT, null, EraQuery::time));
    columns.put("ext.ct", new Column(Field.CREATED_AT, null, EraQuery::time));
    return columns;
  }

  /** The task query of a list request. */
  static TaskQuery parse(MultiMap params) {
    List<Condition> conditions = new ArrayList<>();
    String filter = params.get("filter");
    if (filter != null && !filter.isBlank()) {
      JsonObject object;
      try {
        object = new JsonObject(filter);
      } catch (DecodeException | ClassCastException e) {
        throw new Invalid(EraMessages.FILTER_SHAPE);
      }
      for (Map.Entry<String, Object> entry : object) {
        conditions.add(condition(entry.getKey(), entry.getValue()));
      }
    }
    List<Order> order = new ArrayList<>();
    for (String name : List.of("sort", "order")) {
      for (String value : params.getAll(name)) {
        for (String part : value.split(",", -1)) {
          String key = part.strip();
          if (key.isEmpty()) {
            continue;
          }
          boolean descending = key.startsWith("-");
          key = descending || key.startsWith("+") ? key.substring(1).strip() : key;
          Column column = column("sort", key);
          order.add(new Order(column.field(), column.attribute(), descending));
        }
      }
    }
    int offset = number(params, "offset", 0, 0, Integer.MAX_VALUE);
    int limit = number(params, "limit", DEFAULT_LIMIT, 0, MAX_LIMIT);
    return new TaskQuery(TaskOrigin.SERVICE, conditions, order, limit, offset);
  }

  /** The tasks whose id is one of {@code ids}: LOOKUP's key. */
  static TaskQuery byIds(List<Object> ids) {
    return new TaskQuery(
        TaskOrigin.SERVICE,
        List.of(condition("id", new JsonArray(ids))),
        List.of(),
        TaskQuery.MAX_VALUES,
        0);
  }

  private static Condition condition(String field, Object given) {
    Column column = column("filter", field);
    List<Object> values = new ArrayList<>();
    if (given instanceof JsonArray list) {
      if (list.size() > TaskQuery.MAX_VALUES) {
        throw new Invalid(EraMessages.tooManyValues(field, TaskQuery.MAX_VALUES));
      }
      list.forEach(value -> values.add(value(column, field, value)));
    } else {
      values.add(value(column, field, given));
    }
    if (column.field() == Field.ATTRIBUTE) {
      return new Condition(Field.ATTRIBUTE, column.attribute(), values);
    }
    return new Condition(column.field(), null, values);
  }

  private static Object value(Column column, String field, Object given) {
    try {
      Object value = column.value().apply(given);
      if (value == null) {
        throw new Invalid(EraMessages.badValue(field));
      }
      return value;
    } catch (ClassCastException e) {
      throw new Invalid(EraMessages.badValue(field));
    }
  }

  private static Column column(String what, String field) {
    Column column = COLUMNS.get(field);
    if (column == null) {
      throw new Invalid(EraMessages.unknownField(what, field, LIST_FIELDS));
    }
    return column;
  }

  /** The fields {@code fields} or {@code mask} ask for, or {@code fallback} when neither. */
  static List<String> fields(MultiMap params, List<String> fallback) {
    List<String> fields = new ArrayList<>();
    for (String name : List.of("fields", "mask")) {
      for (String value : params.getAll(name)) {
        for (String part : value.split(",", -1)) {
          String field = part.strip();
          if (field.isEmpty() || fields.contains(field)) {
            continue;
          }
          if (!ENTITY_FIELDS.contains(field)) {
            throw new Invalid(EraMessages.unknownField("fields", field, ENTITY_FIELDS));
          }
          fields.add(field);
        }
      }
    }
    return fields.isEmpty() ? fallback : fields;
  }

  static boolean flat(MultiMap params) {
    String flat = params.get("flat");
    if (flat == null) {
      return false;
    }
    return switch (flat.strip()) {
      case "1", "true" -> true;
      case "0", "false", "" -> false;
      default -> throw new Invalid(EraMessages.FLAT_SHAPE);
    };
  }

  /**
   * {@code entity} limited to {@code fields} ({@code ext.ct} keeps {@code ext} with {@code ct}
   * alone), and with {@code flat} its objects written as {@code ext.ct}, {@code opts.title}.
   */
  static JsonObject project(JsonObject entity, List<String> fields, boolean flat) {
    JsonObject out = new JsonObject();
    for (String field : fields) {
      int dot = field.indexOf('.');
      if (dot < 0) {
        Object value = entity.getValue(field);
        out.put(field, value instanceof JsonObject object ? object.copy() : value);
      } else {
        String parent = field.substring(0, dot);
        JsonObject nested = entity.getJsonObject(parent, new JsonObject());
        JsonObject into = out.getJsonObject(parent);
        if (into == null) {
          into = new JsonObject();
          out.put(parent, into);
        }
        into.put(field.substring(dot + 1), nested.getValue(field.substring(dot + 1)));
      }
    }
    if (!flat) {
      return out;
    }
    JsonObject flattened = new JsonObject();
    for (Map.Entry<String, Object> entry : out) {
      if (entry.getValue() instanceof JsonObject object) {
        object.forEach(
            inner -> flattened.put(entry.getKey() + "." + inner.getKey(), inner.getValue()));
      } else {
        flattened.put(entry.getKey(), entry.getValue());
      }
    }
    return flattened;
  }

  private static int number(MultiMap params, String name, int fallback, int min, int max) {
    String value = params.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int number = Integer.parseInt(value.strip());
      if (number >= min && number <= max) {
        return number;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new Invalid(name + " must be an integer from " + min + " to " + max);
  }

  private static Object uuid(Object value) {
    if (value instanceof String text) {
      return Ids.parse(text).orElse(null);
    }
    return null;
  }

  private static Object text(Object value) {
    return value instanceof String text && text.length() <= EraTasks.MAX_TEXT ? text : null;
  }

  private static Object intbool(Object value) {
    if (value instanceof Number number
        && (number.doubleValue() == 0 || number.doubleValue() == 1)) {
      return number.doubleValue() == 1;
    }
    if (value instanceof Boolean bool) {
      return bool;
    }
    return null;
  }

  private static Object overlap(Object value) {
    Object allowed = intbool(value);
    return allowed == null ? null : Boolean.TRUE.equals(allowed) ? "allow" : "skip";
  }

  private static Object integer(Object value) {
    if (value instanceof Integer || value instanceof Long) {
      return ((Number) value).longValue();
    }
    return null;
  }

  private static Object time(Object value) {
    JsonObject holder = new JsonObject().put("t", value);
    try {
      OffsetDateTime time = EraTasks.time(holder, "t");
      return time;
    } catch (Invalid e) {
      return null;
    }
  }

  /** A uuid, or null. */
  static UUID id(String text) {
    return Ids.parse(text).orElse(null);
  }
}
