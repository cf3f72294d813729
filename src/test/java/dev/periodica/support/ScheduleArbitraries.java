package dev.periodica.support;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generators of schedules at the extremes, shared by the schedule and API properties: cron
 * expressions built from edge values of every field ({@code L}, {@code W}, {@code LW}, {@code #},
 * days 28–31, years, out-of-range values), macros and fixed intervals, any {@link OffsetDateTime}
 * (years ±999,999,999, offsets ±18:00) and time zones with odd offsets.
 */
public final class ScheduleArbitraries {
  public static final List<String> ZONES =
      List.of(
          "UTC",
          "Europe/Berlin",
          "Pacific/Kiritimati",
          "Pacific/Pago_Pago",
          "America/St_Johns",
          "Australia/Lord_Howe",
          "Etc/GMT+12",
          "Etc/GMT-14",
          "+18:00",
          "-18:00");
  private static final List<String> SECONDS =
      List.of("0", "59", "*", "*/7", "0-59/30", "5,10", "60");
  private static final List<String> HOURS = List.of("0", "23", "*", "*/5", "22-2", "24");
  private static final List<String> DAYS_OF_MONTH =
      List.of(
          "1", "28", "29", "30", "31", "L", "LW", "L-1", "L-3", "L-30", "1W", "15W", "28W", "29W",
          "30W", "31W", "1W,15W", "29W,31W", "31W,1", "?", "*", "29-31", "31/2", "W", "32", "0");
  private static final List<String> MONTHS =
      List.of("*", "1", "2", "FEB", "2,4", "4,6,9,11", "12", "1-12/2", "2-3", "13", "0");
  private static final List<String> DAYS_OF_WEEK =
      List.of(
          "?", "*", "MON", "5#5", "6#1", "1#5", "7#4", "6L", "L", "MON-FRI", "SUN", "1", "7", "8",
          "0");
  private static final List<String> YEARS =
      List.of("", " 1970", " 2099", " 2026-2030", " 2027/2", " *", " 2100", " 1969", " 2028");

  private ScheduleArbitraries() {}

  /** Quartz and Unix cron strings, macros and {@code @every} intervals, valid or not. */
  public static Arbitrary<String> crons() {
    Arbitrary<String> quartz =
        Combinators.combine(
                Arbitraries.of(SECONDS),
                Arbitraries.of(SECONDS),
                Arbitraries.of(HOURS),
                Arbitraries.of(DAYS_OF_MONTH),
                Arbitraries.of(MONTHS),
                Arbitraries.of(DAYS_OF_WEEK),
                Arbitraries.of(YEARS))
            .as((s, m, h, dom, mon, dow, y) -> String.join(" ", s, m, h, dom, mon, dow) + y);
    Arbitrary<String> unix =
        Combinators.combine(
                Arbitraries.of(SECONDS),
                Arbitraries.of(HOURS),
                Arbitraries.of(DAYS_OF_MONTH),
                Arbitraries.of(MONTHS),
                Arbitraries.of(DAYS_OF_WEEK))
            .as((m, h, dom, mon, dow) -> String.join(" ", m, h, dom, mon, dow));
    Arbitrary<String> every =
        Combinators.combine(
                Arbitraries.integers().between(0, 999_999_999), Arbitraries.of("s", "m", "h", "d"))
            .as((n, unit) -> "@every " + n + unit);
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, quartz),
        net.jqwik.api.Tuple.of(2, unix),
        net.jqwik.api.Tuple.of(
            1, Arbitraries.of("@hourly", "@daily", "@weekly", "@monthly", "@yearly", "@annually")),
        net.jqwik.api.Tuple.of(1, every));
  }

  /** Any {@link OffsetDateTime}: years ±999,999,999 and near 1970 and 9999, offsets ±18:00. */
  public static Arbitrary<OffsetDateTime> anyTime() {
    Arbitrary<Integer> years =
        Arbitraries.oneOf(
            Arbitraries.integers().between(-999_999_999, 999_999_999),
            Arbitraries.integers().between(1965, 10_005),
            Arbitraries.of(-999_999_999, 999_999_999, 1969, 1970, 9999, 10_000, 2026, 0));
    return Combinators.combine(
            years,
            Arbitraries.integers().between(1, 12),
            Arbitraries.integers().between(1, 28),
            Arbitraries.integers().between(0, 86_399),
            Arbitraries.integers().between(-64_800, 64_800),
            Arbitraries.of(0, 999_999_999))
        .as(
            (year, month, day, second, offset, nano) ->
                OffsetDateTime.of(
                    LocalDateTime.of(year, month, day, 0, 0).plusSeconds(second).withNano(nano),
                    ZoneOffset.ofTotalSeconds(offset)));
  }
}
