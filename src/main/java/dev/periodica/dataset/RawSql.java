package dev.periodica.dataset;

import dev.periodica.common.Invalid;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A series' raw {@code sql}: one {@code SELECT}, {@code WITH}, {@code VALUES} or {@code TABLE}
 * statement, without comments or a second statement (quoted text may hold anything). These rules
 * only keep obvious mistakes out early; what makes raw SQL safe is how it runs: logged in as a role
 * that may only read the datasets, in a read-only transaction that is rolled back, with a statement
 * timeout, a row cap and a byte budget, wrapped so that a data-modifying {@code WITH} cannot run.
 *
 * <p>{@code ${key}} stands for the task constant {@code key}, and {@code ${period_start}} / {@code
 * ${period_end}} for the series' period: each becomes a bind parameter, never text in the SQL.
 */
public final class RawSql {
  static final int MAX_LENGTH = 20_000;
  static final long MAX_RESULT_BYTES = 64L * 1024 * 1024;

  /** The most one row of an export may build: what a whole series result may. */
  static final long EXPORT_ROW_BYTES = MAX_RESULT_BYTES;

  static final String BYTES_COLUMN = "periodica bytes";
  static final String PERIOD_START = "period_start";
  static final String PERIOD_END = "period_end";
  private static final Pattern START =
      Pattern.compile("(?is)\\A\\s*(\\(|select\\b|with\\b|values\\b|table\\b).*");
  private static final Pattern NUMBERED = Pattern.compile("(?<![A-Za-z0-9_$])\\$\\d");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.\\-]{1,64})}");

  private RawSql() {}

  /** A stretch of the statement: code, or quoted text (a literal or a quoted identifier). */
  private record Part(String text, boolean code) {}

  /** The statement without a trailing semicolon, or {@link Invalid} saying which rule it breaks. */
  public static String check(String sql) {
    return String.join("", checkedParts(sql).stream().map(Part::text).toList());
  }

  private static List<Part> checkedParts(String sql) {
    if (sql == null || sql.isBlank()) {
      throw new Invalid("sql should be a SELECT statement");
    }
    if (sql.length() > MAX_LENGTH || sql.indexOf('\u0000') >= 0) {
      throw new Invalid("sql should be at most " + MAX_LENGTH + " characters of text");
    }
    List<Part> parts = parts(sql.strip());
    Part last = parts.get(parts.size() - 1);
    if (last.code() && last.text().endsWith(";")) {
      String rest = last.text().substring(0, last.text().length() - 1).stripTrailing();
      parts.set(parts.size() - 1, new Part(rest, true));
    }
    for (Part part : parts) {
      if (!part.code()) {
        continue;
      }
      if (part.text().contains("--") || part.text().contains("/*")) {
        throw new Invalid("sql should not contain comments");
      }
      if (part.text().contains(";")) {
        throw new Invalid("sql should be a single statement");
      }
      if (NUMBERED.matcher(part.text()).find()) {
        throw new Invalid("sql should name its parameters as ${key}, not $1");
      }
    }
    if (!START.matcher(parts.get(0).text()).matches()) {
      throw new Invalid("sql should start with SELECT or WITH");
    }
    return parts;
  }

  /**
   * The statement as run: {@code ${…}} in code (not in quoted text) replaced by bind parameters,
   * wrapped so that at most {@code rowCap} rows and {@link #MAX_RESULT_BYTES} come back; a result
   * growing past the budget stops with an error naming it, before the row that passes it is sent.
   * Sizes are PostgreSQL's ({@code pg_column_size}): a value stored compressed in a table counts
   * compressed, so the budget bounds what a query builds, not exactly what travels. {@code
   * constants} and {@code period} null when only checking it (each parameter then bound to null).
   */
  public static CompiledQuery compile(String sql, Period period, JsonObject constants, int rowCap) {
    return compile(
        sql,
        period,
        constants,
        rowCap,
        "sum(pg_column_size(series.*)) OVER (ROWS UNBOUNDED PRECEDING)",
        MAX_RESULT_BYTES,
        "the result passed " + size(MAX_RESULT_BYTES));
  }

  /**
   * The statement of a dataset export, which is streamed rather than held: at most {@code rowLimit}
   * rows, none building more than {@link #EXPORT_ROW_BYTES}. The result as a whole has no budget
   * here: summing sizes over it would make PostgreSQL keep every row it has sent (on disk past
   * {@code work_mem}), before sending the next, and the export's file has a size budget of its own.
   */
  public static CompiledQuery compileExport(
      String sql, Period period, JsonObject constants, long rowLimit) {
    return compile(
        sql,
        period,
        constants,
        rowLimit,
        "pg_column_size(series.*)",
        EXPORT_ROW_BYTES,
        "a row of the result passed " + size(EXPORT_ROW_BYTES));
  }

  private static CompiledQuery compile(
      String sql,
      Period period,
      JsonObject constants,
      long rowLimit,
      String sizeExpression,
      long maxBytes,
      String passed) {
    Map<String, Integer> numbers = new HashMap<>();
    List<Object> params = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (Part part : checkedParts(sql)) {
      if (!part.code()) {
        text.append(part.text());
        continue;
      }
      Matcher matcher = PLACEHOLDER.matcher(part.text());
      while (matcher.find()) {
        String key = matcher.group(1);
        Integer number = numbers.get(key);
        if (number == null) {
          number = numbers.size() + 1;
          numbers.put(key, number);
          // when only checking, a null per parameter, for a check that binds them
          params.add(constants == null ? null : value(key, period, constants));
        }
        matcher.appendReplacement(text, "\\$" + number);
      }
      matcher.appendTail(text);
    }
    String wrapped =
        """
        SELECT * FROM (
          SELECT series.*,
                 %6$s AS "%1$s"
          FROM (
        %2$s
          ) AS series
          LIMIT %3$d
        ) AS sized
        WHERE CASE WHEN sized."%1$s" > %4$d
              THEN ('periodica: %5$s (' || sized."%1$s" || ' bytes)')::int > 0
              ELSE true END
        """
            .formatted(BYTES_COLUMN, text, rowLimit, maxBytes, passed, sizeExpression);
    return new CompiledQuery(wrapped, params, List.of(), List.of(BYTES_COLUMN));
  }

  /** A byte count as the budget's message names it: in MiB when it is a whole number of them. */
  private static String size(long bytes) {
    long mebibyte = 1024L * 1024;
    return bytes % mebibyte == 0 ? bytes / mebibyte + " MiB" : bytes + " bytes";
  }

  /**
   * Splits {@code sql} into code and quoted text: {@code '…'} (with {@code ''}), {@code E'…'} (with
   * backslash escapes), {@code "…"} identifiers and {@code $tag$…$tag$} strings. Unterminated
   * quoted text runs to the end; the database then reports the syntax error.
   */
  private static List<Part> parts(String sql) {
    List<Part> parts = new ArrayList<>();
    StringBuilder code = new StringBuilder();
    int i = 0;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      int end = -1;
      if (c == '\'') {
        boolean escapes =
            i > 0
                && (sql.charAt(i - 1) == 'e' || sql.charAt(i - 1) == 'E')
                && (i < 2 || !isIdentifierPart(sql.charAt(i - 2)));
        end = closingQuote(sql, i, '\'', escapes);
      } else if (c == '"') {
        end = closingQuote(sql, i, '"', false);
      } else if (c == '$' && (i == 0 || !isIdentifierPart(sql.charAt(i - 1)))) {
        end = closingDollar(sql, i);
      }
      if (end < 0) {
        code.append(c);
        i++;
        continue;
      }
      if (code.length() > 0) {
        parts.add(new Part(code.toString(), true));
        code.setLength(0);
      }
      parts.add(new Part(sql.substring(i, end), false));
      i = end;
    }
    if (code.length() > 0 || parts.isEmpty()) {
      parts.add(new Part(code.toString(), true));
    }
    return parts;
  }

  /** The index after the quote closing the one at {@code start}, or the end of the text. */
  private static int closingQuote(String sql, int start, char quote, boolean backslashEscapes) {
    int i = start + 1;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (backslashEscapes && c == '\\') {
        i += 2;
      } else if (c == quote) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
          i += 2;
        } else {
          return i + 1;
        }
      } else {
        i++;
      }
    }
    return sql.length();
  }

  /** After a {@code $tag$…$tag$} string starting at {@code start}; -1 if none starts there. */
  private static int closingDollar(String sql, int start) {
    int i = start + 1;
    while (i < sql.length() && isIdentifierPart(sql.charAt(i)) && sql.charAt(i) != '$') {
      if (i == start + 1 && Character.isDigit(sql.charAt(i))) {
        return -1; // $1: a numbered parameter
      }
      i++;
    }
    if (i >= sql.length() || sql.charAt(i) != '$') {
      return -1;
    }
    String tag = sql.substring(start, i + 1);
    int close = sql.indexOf(tag, i + 1);
    return close < 0 ? sql.length() : close + tag.length();
  }

  private static boolean isIdentifierPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }

  private static Object value(String key, Period period, JsonObject constants) {
    if (PERIOD_START.equals(key) || PERIOD_END.equals(key)) {
      if (period == null) {
        throw new Invalid("${" + key + "} needs a period on the series or the report");
      }
      return (PERIOD_START.equals(key) ? period.from() : period.to()).atOffset(ZoneOffset.UTC);
    }
    if (!constants.containsKey(key)) {
      throw new Invalid("the task has no parameter " + key);
    }
    Object value = constants.getValue(key);
    if (value instanceof JsonObject || value instanceof JsonArray) {
      throw new Invalid("the task parameter " + key + " should be text, a number or a boolean");
    }
    return value;
  }
}
