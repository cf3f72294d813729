package dev.periodica.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Parses the cron intervals tasks accept, with cron-utils: 5-field Unix cron, 6- and 7-field Quartz
 * cron with seconds ({@code ?}, {@code L}, {@code W}, {@code #}), and the {@code @hourly} family of
 * macros, which are rewritten to their Unix form first.
 */
public final class CronIntervals {
  /** Longer text is no schedule; refusing it early keeps the parser away from hostile input. */
  public static final int MAX_LENGTH = 255;

  private static final Map<String, String> MACROS =
      Map.of(
          "@yearly", "0 0 1 1 *",
          "@annually", "0 0 1 1 *",
          "@monthly", "0 0 1 * *",
          "@weekly", "0 0 * * 0",
          "@daily", "0 0 * * *",
          "@midnight", "0 0 * * *",
          "@hourly", "0 * * * *");
  private static final CronParser UNIX =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
  private static final CronParser QUARTZ =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

  /**
   * Parsed expressions by their text: parsing and validating with cron-utils compiles regular
   * expressions every time and was a fifth of a task create's CPU, and the scheduler reads every
   * due task's expression again. A {@link Cron} is an immutable model, safe to share. Bounded:
   * cleared when it holds {@value #CACHED} texts, so hostile variety costs parsing, never memory.
   */
  static final int CACHED = 4_096;

  private static final Map<String, Optional<Compiled>> PARSED = new ConcurrentHashMap<>();

  /**
   * A parsed expression with the function that steps from one local time to its next fire time,
   * both built once per text: building cron-utils' {@code ExecutionTime} was, after parsing, the
   * largest part of a task create's CPU (8%, docs/benchmarks.md), paid again by every schedule
   * read. cron-utils' execution times keep only final fields and compute with local values, so one
   * is shared by every thread ({@code CronIntervalsTest}).
   */
  record Compiled(Cron cron, Function<LocalDateTime, Optional<LocalDateTime>> localNext) {}

  private CronIntervals() {}

  /** Whether {@code interval} is a cron expression of one of the accepted dialects. */
  public static boolean accepts(String interval) {
    return parse(interval).isPresent();
  }

  /** The parsed expression, or empty when it is not a valid cron of an accepted dialect. */
  public static Optional<Cron> parse(String interval) {
    return compiled(interval).map(Compiled::cron);
  }

  /** {@link #parse} with the expression's stepping function. */
  static Optional<Compiled> compiled(String interval) {
    if (interval == null || interval.isBlank() || interval.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    String text = interval.trim();
    String expanded = MACROS.getOrDefault(text.toLowerCase(Locale.ROOT), text);
    Optional<Compiled> known = PARSED.get(expanded);
    if (known != null) {
      return known;
    }
    if (PARSED.size() >= CACHED) {
      PARSED.clear();
    }
    Optional<Compiled> parsed =
        parseUncached(expanded).map(cron -> new Compiled(cron, CronSchedule.localNext(cron)));
    PARSED.put(expanded, parsed);
    return parsed;
  }

  /** The number of texts parsed and remembered now. */
  static int cachedCount() {
    return PARSED.size();
  }

  private static Optional<Cron> parseUncached(String expanded) {
    int fields = expanded.split("\\s+").length;
    CronParser parser = fields == 5 ? UNIX : fields == 6 || fields == 7 ? QUARTZ : null;
    if (parser == null) {
      return Optional.empty();
    }
    try {
      Cron cron = parser.parse(expanded);
      cron.validate();
      return NearestWeekdays.misplaced(cron) ? Optional.empty() : Optional.of(cron);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
