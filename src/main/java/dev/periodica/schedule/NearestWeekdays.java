package dev.periodica.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.SingleCron;
import com.cronutils.model.field.CronField;
import com.cronutils.model.field.CronFieldName;
import com.cronutils.model.field.expression.And;
import com.cronutils.model.field.expression.FieldExpression;
import com.cronutils.model.field.expression.On;
import com.cronutils.model.field.value.SpecialChar;
import com.cronutils.model.time.ExecutionTime;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Fire times of a Quartz cron whose day of month is {@code nW} ("the weekday nearest day n"),
 * computed here rather than by cron-utils 9.2, which throws in a month without day n (February for
 * {@code 29W}–{@code 31W}, April for {@code 31W}), so a task stopped for good, and which answers a
 * Sunday for a Sunday 31st. Quartz semantics: a month without day n has no fire time; the nearest
 * weekday never leaves the month (a Saturday 1st fires Monday 3rd, a Sunday last day fires Friday).
 *
 * <p>The other fields are matched by cron-utils on a copy of the expression whose day of month is
 * {@code *}; this class only picks the days.
 */
final class NearestWeekdays {
  /** Far more than the 1970–2099 span of Quartz years needs (at most two steps per month). */
  private static final int MAX_STEPS = 5_000;

  /** A month of every length occurs within this many months of any other. */
  private static final int MAX_MONTHS_AHEAD = 14;

  private final TreeSet<Integer> days;
  private final ExecutionTime everyDay;

  private NearestWeekdays(TreeSet<Integer> days, ExecutionTime everyDay) {
    this.days = days;
    this.everyDay = everyDay;
  }

  /** The reading of {@code cron} when its day of month is {@code nW} or a list of them. */
  static Optional<NearestWeekdays> of(Cron cron) {
    CronField dayOfMonth = cron.retrieve(CronFieldName.DAY_OF_MONTH);
    if (dayOfMonth == null) {
      return Optional.empty();
    }
    Optional<TreeSet<Integer>> days = days(dayOfMonth.getExpression());
    if (days.isEmpty()) {
      return Optional.empty();
    }
    List<CronField> fields = new ArrayList<>();
    for (CronField field : cron.retrieveFieldsAsMap().values()) {
      fields.add(
          field.getField() == CronFieldName.DAY_OF_MONTH
              ? new CronField(
                  CronFieldName.DAY_OF_MONTH, FieldExpression.always(), field.getConstraints())
              : field);
    }
    fields.sort(CronField.createFieldComparator());
    Cron everyDay = new SingleCron(cron.getCronDefinition(), fields);
    return Optional.of(new NearestWeekdays(days.get(), ExecutionTime.forCron(everyDay)));
  }

  /**
   * Whether {@code cron} puts {@code W} where Quartz does not allow it: in a list beside anything
   * but other {@code nW} days ({@code LW} stands alone).
   */
  static boolean misplaced(Cron cron) {
    CronField dayOfMonth = cron.retrieve(CronFieldName.DAY_OF_MONTH);
    if (dayOfMonth == null || !(dayOfMonth.getExpression() instanceof And list)) {
      return false;
    }
    boolean anyWeekday =
        list.getExpressions().stream()
            .anyMatch(
                item ->
                    item instanceof On on
                        && (on.getSpecialChar().getValue() == SpecialChar.W
                            || on.getSpecialChar().getValue() == SpecialChar.LW));
    return anyWeekday && days(list).isEmpty();
  }

  private static Optional<TreeSet<Integer>> days(FieldExpression expression) {
    List<FieldExpression> items =
        expression instanceof And list ? list.getExpressions() : List.of(expression);
    TreeSet<Integer> days = new TreeSet<>();
    for (FieldExpression item : items) {
      if (!(item instanceof On on)
          || on.getSpecialChar().getValue() != SpecialChar.W
          || on.getTime() == null
          || on.getTime().getValue() == null) {
        return Optional.empty();
      }
      days.add(on.getTime().getValue());
    }
    return days.isEmpty() ? Optional.empty() : Optional.of(days);
  }

  /** The first fire time strictly after {@code after}, in local wall-clock time. */
  Optional<LocalDateTime> nextAfter(LocalDateTime after) {
    LocalDate floor = after.toLocalDate();
    for (int step = 0; step < MAX_STEPS; step++) {
      Optional<LocalDate> day = firstDayFrom(floor);
      if (day.isEmpty()) {
        return Optional.empty();
      }
      LocalDateTime dayStart = day.get().atStartOfDay().minusSeconds(1);
      LocalDateTime from = after.isAfter(dayStart) ? after : dayStart;
      Optional<ZonedDateTime> next = everyDay.nextExecution(from.atZone(ZoneOffset.UTC));
      if (next.isEmpty()) {
        return Optional.empty();
      }
      LocalDateTime found = next.get().toLocalDateTime();
      if (found.toLocalDate().equals(day.get())) {
        return Optional.of(found);
      }
      // no time left on that day, or the other fields skip ahead: go on from where they lead
      floor = found.toLocalDate();
    }
    return Optional.empty();
  }

  /** The first fire day on or after {@code floor}, whatever the other fields say. */
  private Optional<LocalDate> firstDayFrom(LocalDate floor) {
    YearMonth month = YearMonth.from(floor);
    for (int i = 0; i <= MAX_MONTHS_AHEAD; i++, month = month.plusMonths(1)) {
      YearMonth current = month;
      Optional<LocalDate> first =
          days.stream()
              .map(n -> nearestWeekday(current, n))
              .flatMap(Optional::stream)
              .filter(day -> !day.isBefore(floor))
              .min(LocalDate::compareTo);
      if (first.isPresent()) {
        return first;
      }
    }
    return Optional.empty();
  }

  /** The weekday nearest day {@code n} of {@code month}, inside it; empty without a day n. */
  static Optional<LocalDate> nearestWeekday(YearMonth month, int n) {
    if (n < 1 || n > month.lengthOfMonth()) {
      return Optional.empty();
    }
    LocalDate day = month.atDay(n);
    return Optional.of(
        switch (day.getDayOfWeek()) {
          case SATURDAY -> n == 1 ? day.plusDays(2) : day.minusDays(1);
          case SUNDAY -> n == month.lengthOfMonth() ? day.minusDays(2) : day.plusDays(1);
          default -> day;
        });
  }
}
