package dev.periodica.schedule;

import com.cronutils.descriptor.CronDescriptor;
import com.cronutils.model.Cron;
import com.cronutils.model.time.ExecutionTime;
import dev.periodica.common.Invalid;
import dev.periodica.common.Messages;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * A cron expression read in a time zone. The expression is matched against local wall-clock time;
 * across daylight-saving changes a local time that does not exist (spring forward) is skipped, and
 * a local time that occurs twice (fall back) fires once, at its first occurrence.
 */
final class CronSchedule implements Schedule {
  /** Beyond this many skipped candidates in a row the expression has no reachable fire time. */
  private static final int MAX_SKIPS = 10_000;

  private final Cron cron;
  private final Function<LocalDateTime, Optional<LocalDateTime>> localNext;
  private final ZoneId zone;

  CronSchedule(CronIntervals.Compiled compiled, ZoneId zone) {
    this.cron = compiled.cron();
    this.localNext = compiled.localNext();
    this.zone = zone;
  }

  /** How {@code cron} steps from a local time to its next fire time, in local time. */
  static Function<LocalDateTime, Optional<LocalDateTime>> localNext(Cron cron) {
    return NearestWeekdays.of(cron)
        .<Function<LocalDateTime, Optional<LocalDateTime>>>map(days -> days::nextAfter)
        .orElseGet(() -> cronUtils(ExecutionTime.forCron(cron)));
  }

  /** cron-utils runs on a zone without transitions, so it sees plain local wall-clock times. */
  private static Function<LocalDateTime, Optional<LocalDateTime>> cronUtils(
      ExecutionTime execution) {
    return local ->
        execution.nextExecution(local.atZone(ZoneOffset.UTC)).map(ZonedDateTime::toLocalDateTime);
  }

  /**
   * Throws {@link Invalid} when the next fire time cannot be computed (cron-utils failing on an
   * expression it accepted), so a caller hears a 400 and the scheduler pauses the task with a
   * reason, rather than either failing unexplained.
   */
  @Override
  public Optional<Instant> nextAfter(Instant after) {
    try {
      // cron fire times are whole seconds: from the whole second, so none comes out fractional
      return next(after.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    } catch (DateTimeException | ArithmeticException | IllegalArgumentException e) {
      throw new Invalid(Messages.SCHEDULE_NOT_COMPUTABLE);
    }
  }

  private Optional<Instant> next(Instant after) {
    ZoneRules rules = zone.getRules();
    LocalDateTime local = LocalDateTime.ofInstant(after, zone);
    for (int skipped = 0; skipped < MAX_SKIPS; skipped++) {
      Optional<LocalDateTime> next = localNext.apply(local);
      if (next.isEmpty()) {
        return Optional.empty();
      }
      local = next.get();
      List<ZoneOffset> offsets = rules.getValidOffsets(local);
      if (offsets.isEmpty()) {
        continue; // a local time inside a spring-forward gap never happens
      }
      Instant candidate = local.toInstant(offsets.get(0));
      if (candidate.isAfter(after)) {
        return Optional.of(candidate);
      }
      // the first occurrence of a repeated local time is already past: it fired then, not twice
    }
    return Optional.empty();
  }

  @Override
  public String describe() {
    try {
      return CronDescriptor.instance(Locale.UK).describe(cron);
    } catch (RuntimeException e) {
      return cron.asString();
    }
  }
}
