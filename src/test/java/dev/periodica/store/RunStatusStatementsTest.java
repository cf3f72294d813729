package dev.periodica.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periodica.run.RunStatus;
import dev.periodica.run.RunTransitions;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every SQL statement that writes a run's status is checked against the one transition table: the
 * statuses its WHERE clause accepts (its guard) times the statuses it writes must all be allowed
 * changes. Claim, expire, time-out, give-up, release, cancel and outcome statements are found by
 * reading the repositories' SQL constants, so a new statement is checked without being listed.
 */
class RunStatusStatementsTest {
  private static final List<Class<?>> REPOSITORIES =
      List.of(
          PgRunRepository.class,
          PgRunQueueRepository.class,
          PgDueTaskRepository.class,
          PgRunActionRepository.class);
  private static final Pattern WRITES_STATUS =
      Pattern.compile("UPDATE\\s+runs\\b[\\s\\S]*?\\bSET\\s+status\\s*=", Pattern.CASE_INSENSITIVE);
  private static final Pattern QUOTED = Pattern.compile("'([a-z_]+)'");

  /** Statements whose target status comes from a parameter, with the Java that checks it. */
  private static final Map<String, String> CHECKED_IN_JAVA =
      Map.of("FINISH_ALL", "run.OutcomeWriter calls RunTransitions.require(IN_ACTION, outcome)");

  private static Map<String, String> statusWriters() throws IllegalAccessException {
    Map<String, String> statements = new LinkedHashMap<>();
    for (Class<?> repository : REPOSITORIES) {
      for (Field field : repository.getDeclaredFields()) {
        if (field.getType() == String.class && Modifier.isStatic(field.getModifiers())) {
          field.setAccessible(true);
          String sql = (String) field.get(null);
          if (sql != null && WRITES_STATUS.matcher(sql).find()) {
            statements.put(field.getName(), sql);
          }
        }
      }
    }
    return statements;
  }

  /** The statuses written: what follows {@code SET status =} up to the next assignment. */
  private static Set<RunStatus> written(String sql) {
    Matcher set = Pattern.compile("SET\\s+status\\s*=", Pattern.CASE_INSENSITIVE).matcher(sql);
    set.find();
    String rest = sql.substring(set.end());
    int end = assignmentEnd(rest);
    return statuses(rest.substring(0, end));
  }

  /** The end of the status expression: the first comma outside parentheses and CASE…END. */
  private static int assignmentEnd(String rest) {
    int depth = 0;
    String upper = rest.toUpperCase(java.util.Locale.ROOT);
    for (int i = 0; i < rest.length(); i++) {
      char c = rest.charAt(i);
      if (c == '(' || upper.startsWith("CASE", i)) {
        depth++;
      } else if (c == ')' || (upper.startsWith("END", i) && depth > 0)) {
        depth--;
      } else if (c == ',' && depth == 0) {
        return i;
      }
    }
    return rest.length();
  }

  /** The statuses the statement's guard accepts: every status literal after its first WHERE. */
  private static Set<RunStatus> guarded(String sql) {
    int where = sql.toUpperCase(java.util.Locale.ROOT).indexOf("WHERE");
    return where < 0 ? EnumSet.noneOf(RunStatus.class) : statuses(sql.substring(where));
  }

  private static Set<RunStatus> statuses(String text) {
    Set<RunStatus> found = EnumSet.noneOf(RunStatus.class);
    Matcher quoted = QUOTED.matcher(text);
    while (quoted.find()) {
      RunStatus.fromCode(quoted.group(1)).ifPresent(found::add);
    }
    return found;
  }

  @Test
  void the_known_status_writers_are_all_found() throws Exception {
    assertThat(statusWriters().keySet())
        .contains(
            "CLAIM", "EXPIRE", "TIME_OUT", "GIVE_UP_STRANDED", "RELEASE", "FINISH_ALL", "CANCEL");
  }

  @Test
  void every_status_a_statement_writes_is_an_allowed_change_from_every_status_it_guards()
      throws Exception {
    List<String> violations = new ArrayList<>();
    for (var statement : statusWriters().entrySet()) {
      String name = statement.getKey();
      Set<RunStatus> from = guarded(statement.getValue());
      Set<RunStatus> to = written(statement.getValue());
      if (from.isEmpty()) {
        violations.add(name + " writes a status without a status guard");
        continue;
      }
      if (to.isEmpty()) {
        if (!CHECKED_IN_JAVA.containsKey(name)) {
          violations.add(name + " writes a status from a parameter that nothing checks");
        }
        continue;
      }
      for (RunStatus source : from) {
        for (RunStatus target : to) {
          if (!RunTransitions.allowed(source, target)) {
            violations.add(name + ": " + source.code() + " -> " + target.code());
          }
        }
      }
    }
    assertThat(violations).isEmpty();
  }

  @Test
  void the_check_itself_catches_a_forbidden_statement() {
    String forbidden = "UPDATE runs SET status = 'new', updated_at = $1 WHERE status = 'complete'";
    assertThat(guarded(forbidden)).containsExactly(RunStatus.COMPLETE);
    assertThat(written(forbidden)).containsExactly(RunStatus.NEW);
    assertThat(RunTransitions.allowed(RunStatus.COMPLETE, RunStatus.NEW)).isFalse();
    String cased =
        "UPDATE runs r SET status = CASE WHEN r.attempt >= 3 THEN 'error' ELSE 'need_restart' END,"
            + " error = 'x' WHERE r.status = 'in_action'";
    assertThat(written(cased)).containsExactlyInAnyOrder(RunStatus.ERROR, RunStatus.NEED_RESTART);
  }
}
