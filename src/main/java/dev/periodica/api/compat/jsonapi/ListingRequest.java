package dev.periodica.api.compat.jsonapi;

import dev.periodica.task.QueueQuery;
import dev.periodica.task.QueueQuery.Condition;
import dev.periodica.task.QueueQuery.Order;
import io.vertx.core.MultiMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The query string of a listing: {@code filter[reportQueue|reportTask|report]} (each may repeat;
 * all are ANDed), {@code sort} (comma-separated fields, {@code -} for descending), {@code
 * page[limit]} and {@code page[offset]}. Parameters of JSON:API this server does not support
 * ({@code include}, {@code fields[…]}) and unknown filters or page parameters answer 400.
 */
final class ListingRequest {
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 1000;
  static final int MAX_OFFSET = 10_000_000;
  static final int MAX_SORTS = 5;
  static final int MAX_FILTERS = 20;
  private static final List<String> FILTERS = List.of(Fields.QUEUE, Fields.TASK, Fields.REPORT);

  private ListingRequest() {}

  /** The query {@code params} ask for, of a listing of {@code type}. */
  static QueueQuery read(MultiMap params, String type) {
    List<Condition> conditions = new ArrayList<>();
    int limit = DEFAULT_LIMIT;
    int offset = 0;
    List<Order> sort = List.of();
    int filters = 0;
    for (String name : params.names()) {
      List<String> values = params.getAll(name);
      if (name.startsWith("filter[") && name.endsWith("]")) {
        String filtered = name.substring(7, name.length() - 1);
        if (!FILTERS.contains(filtered)) {
          throw JsonApiError.badParameter(
              name,
              JsonApiMessages.UNKNOWN_FILTER.formatted(
                  name, "filter[" + String.join("], filter[", FILTERS) + "]"));
        }
        for (String value : values) {
          if (++filters > MAX_FILTERS) {
            throw JsonApiError.badParameter(
                name, "at most " + MAX_FILTERS + " filters may be given");
          }
          conditions.add(FilterParser.parse(filtered, name, value));
        }
      } else if (name.equals("page[limit]")) {
        limit = integer(name, single(name, values), 1, MAX_LIMIT, JsonApiMessages.PAGE_LIMIT);
      } else if (name.equals("page[offset]")) {
        offset = integer(name, single(name, values), 0, MAX_OFFSET, JsonApiMessages.PAGE_OFFSET);
      } else if (name.startsWith("page[")) {
        throw JsonApiError.badParameter(name, JsonApiMessages.UNKNOWN_PAGE.formatted(name));
      } else if (name.equals("sort")) {
        sort = sort(single(name, values), Fields.QUEUE.equals(type));
      } else if (name.equals("include") || name.startsWith("fields[") || name.equals("filter")) {
        throw JsonApiError.badParameter(
            name, JsonApiMessages.UNSUPPORTED_PARAMETER.formatted(name));
      }
      // other parameters are not JSON:API's and are ignored, as the specification allows
    }
    return new QueueQuery(conditions, sort, limit, offset);
  }

  private static String single(String name, List<String> values) {
    if (values.size() != 1) {
      throw JsonApiError.badParameter(name, JsonApiMessages.REPEATED.formatted(name));
    }
    return values.get(0);
  }

  private static int integer(String name, String value, int min, int max, String message) {
    String text = value.strip();
    if (text.matches("[0-9]{1,9}")) {
      int number = Integer.parseInt(text);
      if (number >= min && number <= max) {
        return number;
      }
    }
    throw JsonApiError.badParameter(name, message.formatted(max));
  }

  private static List<Order> sort(String value, boolean queue) {
    Map<String, QueueQuery.Field> known = queue ? Fields.QUEUE_SORT : Fields.TASK_SORT;
    List<Order> orders = new ArrayList<>();
    for (String part : value.split(",", -1)) {
      String term = part.strip();
      boolean descending = term.startsWith("-");
      String name = descending ? term.substring(1) : term;
      QueueQuery.Field field = known.get(name);
      if (field == null) {
        String shown = name.length() > 40 ? name.substring(0, 40) + "…" : name;
        throw JsonApiError.badParameter(
            "sort",
            JsonApiMessages.UNKNOWN_SORT.formatted(
                "'" + shown + "'", String.join(", ", new java.util.TreeSet<>(known.keySet()))));
      }
      orders.add(new Order(field, descending));
    }
    if (orders.size() > MAX_SORTS) {
      throw JsonApiError.badParameter("sort", JsonApiMessages.TOO_MANY_SORTS.formatted(MAX_SORTS));
    }
    return orders;
  }
}
