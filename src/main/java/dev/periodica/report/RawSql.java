package dev.periodica.report;

import dev.periodica.common.Invalid;
import io.vertx.core.json.JsonObject;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A series' raw {@code sql}: one {@code SELECT} or {@code WITH} statement, without comments or a
 * second statement. These rules only keep obvious mistakes and tricks out early; what makes raw SQL
 * safe is how it runs: logged in as a role that may only read the datasets, in a read-only
 * transaction that is rolled back, with a statement timeout and a row cap.
 *
 * <p>{@code ${key}} stands for the task constant {@code key}, and {@code ${period_start}} / {@code
 * ${period_end}} for the series' period: each becomes a bind parameter, never text in the SQL.
 */
public final class RawSql {
  static final int MAX_LENGTH = 20_000;
  static final String PERIOD_START = "period_start";
  static final String PERIOD_END = "period_end";
  private static final Pattern START = Pattern.compile("(?is)\\A\\s*(select|with)\\b.*");
  private static final Pattern WRITING =
      Pattern.compile(
          "(?i)\\b(insert|update|delete|merge|drop|alter|create|truncate|grant|revoke|copy)\\b");
  private static final Pattern NUMBERED = Pattern.compile("\\$\\d");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.\\-]{1,64})}");

  private RawSql() {}

  /** The statement without a trailing semicolon, or {@link Invalid} saying which rule it breaks. */
  public static String check(String sql) {
    if (sql == null || sql.isBlank()) {
      throw new Invalid("sql should be a SELECT statement");
    }
    if (sql.length() > MAX_LENGTH || sql.indexOf('\u0000') >= 0) {
      throw new Invalid("sql should be at most " + MAX_LENGTH + " characters of text");
    }
    String statement = sql.strip();
    if (statement.endsWith(";")) {
      statement = statement.substring(0, statement.length() - 1).strip();
    }
    if (statement.contains(";")) {
      throw new Invalid("sql should be a single statement");
    }
    if (statement.contains("--") || statement.contains("/*")) {
      throw new Invalid("sql should not contain comments");
    }
    if (NUMBERED.matcher(statement).find()) {
      throw new Invalid("sql should name its parameters as ${key}, not $1");
    }
    if (!START.matcher(statement).matches()) {
      throw new Invalid("sql should start with SELECT or WITH");
    }
    Matcher writing = WRITING.matcher(statement);
    if (writing.find()) {
      throw new Invalid(
          "sql should only read: it contains " + writing.group(1).toUpperCase(Locale.ROOT));
    }
    return statement;
  }

  /**
   * The statement as run: {@code ${…}} replaced by bind parameters, wrapped so that at most {@code
   * rowCap} rows come back. {@code constants} and {@code period} null when only checking it (the
   * placeholders are then left unbound).
   */
  public static CompiledQuery compile(String sql, Period period, JsonObject constants, int rowCap) {
    String statement = check(sql);
    Map<String, Integer> numbers = new HashMap<>();
    List<Object> params = new ArrayList<>();
    Matcher matcher = PLACEHOLDER.matcher(statement);
    StringBuilder text = new StringBuilder();
    while (matcher.find()) {
      String key = matcher.group(1);
      Integer number = numbers.get(key);
      if (number == null) {
        number = numbers.size() + 1;
        numbers.put(key, number);
        if (constants != null) {
          params.add(value(key, period, constants));
        }
      }
      matcher.appendReplacement(text, "\\$" + number);
    }
    matcher.appendTail(text);
    String wrapped = "SELECT * FROM (\n" + text + "\n) AS series LIMIT " + rowCap;
    return new CompiledQuery(wrapped, params, List.of());
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
    if (value instanceof JsonObject || value instanceof io.vertx.core.json.JsonArray) {
      throw new Invalid("the task parameter " + key + " should be text, a number or a boolean");
    }
    return value;
  }
}
