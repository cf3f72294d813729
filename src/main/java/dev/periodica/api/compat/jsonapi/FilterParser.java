package dev.periodica.api.compat.jsonapi;

import dev.periodica.common.Ids;
import dev.periodica.common.Timestamps;
import dev.periodica.run.RunStatus;
import dev.periodica.task.QueueQuery.Condition;
import dev.periodica.task.QueueQuery.Field;
import dev.periodica.task.QueueQuery.Op;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads one filter of the seed's language, {@code op(Field, value[, value…])}: {@code eq(Status,
 * 'complete')}, {@code in(Status, 'new', 'in_action')}, {@code eq(Report, 4)}, {@code eq(EndDate,
 * null)}. Values are quoted strings ({@code 'a''b'} or {@code "a"}), numbers, uuids, {@code
 * true}/{@code false} or {@code null}; each is checked against its field's kind, so the store
 * receives typed values only. {@code filter[report]} may also be bare ids ({@code 4}, {@code 4,7},
 * a uuid).
 */
final class FilterParser {
  static final int MAX_TEXT = 1000;
  static final int MAX_VALUES = 100;

  /** A value as written: its text and whether it was quoted. */
  private record Token(String text, boolean quoted) {}

  private final String parameter;
  private final String text;
  private int pos;

  private FilterParser(String parameter, String text) {
    this.parameter = parameter;
    this.text = text;
  }

  /** The condition {@code text} states about resources of {@code type}. */
  static Condition parse(String type, String parameter, String text) {
    if (text.length() > MAX_TEXT) {
      throw bad(parameter, "filter " + JsonApiMessages.TOO_LONG.formatted(MAX_TEXT));
    }
    if (text.indexOf('\u0000') >= 0) {
      throw bad(parameter, parameter + " " + JsonApiMessages.FILTER_SHAPE);
    }
    String trimmed = text.strip();
    if (Fields.REPORT.equals(type) && !trimmed.contains("(")) {
      return reportIds(parameter, trimmed);
    }
    return new FilterParser(parameter, trimmed).expression(type);
  }

  private static Condition reportIds(String parameter, String text) {
    List<Object> ids = new ArrayList<>();
    for (String part : text.split(",", -1)) {
      Object id = ref(part.strip());
      if (id == null) {
        throw bad(parameter, parameter + " " + JsonApiMessages.REPORT_IDS);
      }
      ids.add(id);
    }
    if (ids.size() > MAX_VALUES) {
      throw bad(parameter, JsonApiMessages.TOO_MANY_VALUES.formatted(MAX_VALUES));
    }
    return new Condition(
        Fields.subject(Fields.REPORT), Field.ID, ids.size() == 1 ? Op.EQ : Op.IN, ids);
  }

  private Condition expression(String type) {
    String opName = word();
    Op op = op(opName);
    expect('(');
    String fieldName = word();
    Map<String, Fields.Spec> fields = Fields.of(type);
    Fields.Spec spec = fields.get(fieldName);
    if (spec == null) {
      throw bad(
          parameter,
          JsonApiMessages.UNKNOWN_FIELD.formatted(
              fieldName.isEmpty() ? "''" : fieldName, type, String.join(", ", fields.keySet())));
    }
    List<Token> tokens = new ArrayList<>();
    skipSpaces();
    while (peek() == ',') {
      pos++;
      tokens.add(value());
      if (tokens.size() > MAX_VALUES) {
        throw bad(parameter, JsonApiMessages.TOO_MANY_VALUES.formatted(MAX_VALUES));
      }
      skipSpaces();
    }
    expect(')');
    skipSpaces();
    if (pos != text.length() || tokens.isEmpty()) {
      throw shape();
    }
    if (op != Op.IN && tokens.size() != 1) {
      throw bad(parameter, JsonApiMessages.ONE_VALUE.formatted(opName));
    }
    List<Object> values = new ArrayList<>();
    for (Token token : tokens) {
      values.add(convert(spec, op, token));
    }
    return new Condition(Fields.subject(type), spec.field(), op, values);
  }

  private Object convert(Fields.Spec spec, Op op, Token token) {
    if (!token.quoted() && token.text().equals("null")) {
      if (!spec.nullable()) {
        throw bad(parameter, JsonApiMessages.NOT_NULLABLE.formatted(spec.name()));
      }
      if (op != Op.EQ && op != Op.NE) {
        throw bad(parameter, JsonApiMessages.NULL_NOT_APPLICABLE.formatted(spec.name()));
      }
      return null;
    }
    boolean ordering = op != Op.EQ && op != Op.NE && op != Op.IN;
    if (ordering && !spec.kind().ordered) {
      throw bad(
          parameter,
          JsonApiMessages.ORDER_NOT_APPLICABLE.formatted(
              op.name().toLowerCase(Locale.ROOT), spec.name()));
    }
    String value = token.text();
    Optional<Object> converted =
        switch (spec.kind()) {
          case RUN_ID -> positive(value).map(Object.class::cast);
          case REF -> Optional.ofNullable(ref(value));
          case INT -> integer(value);
          case STATUS ->
              RunStatus.fromCode(value).isPresent() ? Optional.of(value) : Optional.empty();
          case DATE -> date(value);
          case TYPE ->
              value.equals("user_task") || value.equals("periodic")
                  ? Optional.of(value)
                  : Optional.empty();
          case TEXT -> Optional.of(value);
          case UUID -> Ids.parse(value).map(Object.class::cast);
          case BOOL ->
              value.equals("true") || value.equals("false")
                  ? Optional.of(Boolean.valueOf(value))
                  : Optional.empty();
        };
    Object result =
        converted.orElseThrow(
            () ->
                bad(
                    parameter,
                    JsonApiMessages.BAD_VALUE.formatted(
                        spec.name(), spec.kind().expected, quote(value))));
    if (ordering && result instanceof UUID) {
      throw bad(
          parameter,
          JsonApiMessages.ORDER_NOT_APPLICABLE.formatted(
              op.name().toLowerCase(Locale.ROOT), spec.name() + " uuids"));
    }
    return result;
  }

  /** A number (a report's or task's {@code number}) or a uuid; null when neither. */
  static Object ref(String value) {
    Optional<Long> number = positive(value);
    if (number.isPresent()) {
      return number.get();
    }
    return Ids.parse(value).orElse(null);
  }

  private static Optional<Long> positive(String value) {
    if (!value.matches("[0-9]{1,18}")) {
      return Optional.empty();
    }
    long number = Long.parseLong(value);
    return number > 0 ? Optional.of(number) : Optional.empty();
  }

  private static Optional<Object> integer(String value) {
    if (!value.matches("-?[0-9]{1,9}")) {
      return Optional.empty();
    }
    return Optional.of(Long.parseLong(value));
  }

  private static Optional<Object> date(String value) {
    OffsetDateTime time;
    try {
      time = OffsetDateTime.parse(value);
    } catch (DateTimeParseException e) {
      try {
        time = LocalDate.parse(value).atStartOfDay().atOffset(ZoneOffset.UTC);
      } catch (DateTimeParseException notADate) {
        return Optional.empty();
      }
    }
    return Timestamps.inRange(time.toInstant()) ? Optional.of(time) : Optional.empty();
  }

  private static Op op(String name) {
    return switch (name) {
      case "eq" -> Op.EQ;
      case "ne" -> Op.NE;
      case "gt" -> Op.GT;
      case "ge" -> Op.GE;
      case "lt" -> Op.LT;
      case "le" -> Op.LE;
      case "in" -> Op.IN;
      default -> null;
    };
  }

  private String word() {
    skipSpaces();
    int start = pos;
    while (pos < text.length()
        && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
      pos++;
    }
    String word = text.substring(start, pos);
    if (start == 0 && op(word) == null) {
      if (word.isEmpty() || peek() != '(') {
        throw shape();
      }
      throw bad(parameter, JsonApiMessages.UNKNOWN_OPERATOR.formatted(quote(word)));
    }
    return word;
  }

  private Token value() {
    skipSpaces();
    char c = peek();
    if (c == '\'' || c == '"') {
      StringBuilder out = new StringBuilder();
      pos++;
      while (true) {
        if (pos >= text.length()) {
          throw shape();
        }
        char next = text.charAt(pos++);
        if (next == c) {
          if (peek() == c) {
            out.append(c);
            pos++;
            continue;
          }
          break;
        }
        if (next == '\u0000') {
          throw shape();
        }
        out.append(next);
      }
      return new Token(out.toString(), true);
    }
    int start = pos;
    while (pos < text.length() && ",()'\" \t".indexOf(text.charAt(pos)) < 0) {
      pos++;
    }
    if (start == pos) {
      throw shape();
    }
    return new Token(text.substring(start, pos), false);
  }

  private void expect(char c) {
    skipSpaces();
    if (peek() != c) {
      throw shape();
    }
    pos++;
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\u0000';
  }

  private void skipSpaces() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private JsonApiError shape() {
    return bad(parameter, parameter + " " + JsonApiMessages.FILTER_SHAPE);
  }

  private static String quote(String value) {
    String shown = value.length() > 40 ? value.substring(0, 40) + "…" : value;
    return "'" + shown + "'";
  }

  private static JsonApiError bad(String parameter, String detail) {
    return JsonApiError.badParameter(parameter, detail);
  }
}
