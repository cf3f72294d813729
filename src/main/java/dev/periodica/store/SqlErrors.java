package dev.periodica.store;

import dev.periodica.common.Conflict;
import dev.periodica.common.Invalid;
import dev.periodica.common.Messages;
import dev.periodica.common.NotFound;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns PostgreSQL failures caused by the request's data into domain exceptions (4xx). */
final class SqlErrors {
  static final String UNIQUE_VIOLATION = "23505";
  static final String FOREIGN_KEY_VIOLATION = "23503";
  static final String CHECK_VIOLATION = "23514";
  static final String UNTRANSLATABLE_CHARACTER = "22P05";
  static final String CHARACTER_NOT_IN_REPERTOIRE = "22021";
  static final String PROGRAM_LIMIT_EXCEEDED = "54000";
  private static final Pattern REFERENCED =
      Pattern.compile("(category|dashboard|group|report|task|parent|user)_(id|fk)");

  private SqlErrors() {}

  /** Use with {@code future.recover(SqlErrors::translate)}. */
  static <T> Future<T> translate(Throwable failure) {
    if (!(failure instanceof PgException pg) || pg.getSqlState() == null) {
      return Future.failedFuture(failure);
    }
    String state = pg.getSqlState();
    return Future.failedFuture(
        switch (state) {
          case UNIQUE_VIOLATION -> new Conflict(Messages.ALREADY_EXISTS);
          case FOREIGN_KEY_VIOLATION -> new NotFound(Messages.notFound(referenced(pg)));
          case CHECK_VIOLATION -> new Invalid(Messages.BAD_REQUEST);
          case UNTRANSLATABLE_CHARACTER, CHARACTER_NOT_IN_REPERTOIRE ->
              new Invalid(Messages.NUL_CHARACTER);
          case PROGRAM_LIMIT_EXCEEDED -> new Invalid(Messages.VALUE_TOO_LARGE);
          default -> state.startsWith("22") ? new Invalid(Messages.BAD_REQUEST) : failure;
        });
  }

  private static String referenced(PgException pg) {
    String constraint = pg.getConstraint() == null ? "" : pg.getConstraint();
    Matcher matcher = REFERENCED.matcher(constraint);
    String thing = matcher.find() ? matcher.group(1) : "object";
    return "parent".equals(thing) ? "category" : thing;
  }
}
