package dev.periodica.report;

import dev.periodica.common.Invalid;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rules a series' raw {@code sql} must follow to be saved: one {@code SELECT} or {@code WITH}
 * statement, without comments or a second statement. (It then runs read-only, with a timeout and a
 * row cap; these rules only keep obvious mistakes and tricks out early.)
 */
public final class RawSql {
  static final int MAX_LENGTH = 20_000;
  private static final Pattern START = Pattern.compile("(?is)\\A\\s*(select|with)\\b.*");

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
    if (!START.matcher(statement).matches()) {
      throw new Invalid("sql should start with SELECT or WITH");
    }
    String lower = statement.toLowerCase(Locale.ROOT);
    for (String word :
        new String[] {
          "insert ",
          "update ",
          "delete ",
          "drop ",
          "alter ",
          "create ",
          "truncate ",
          "grant ",
          "copy "
        }) {
      if (lower.contains(word)) {
        throw new Invalid(
            "sql should only read: it contains " + word.strip().toUpperCase(Locale.ROOT));
      }
    }
    return statement;
  }
}
