package dev.periodica.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** The hand-written timestamp text is the formatter's, to the character. */
class TimestampsProperties {
  private static final DateTimeFormatter SEED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  @Property(tries = 5000)
  void any_instant_is_written_as_the_formatter_writes_it(
      @ForAll @LongRange(min = -62_167_219_200L, max = 253_402_300_799L) long seconds,
      @ForAll @IntRange(min = 0, max = 999_999_999) int nanos,
      @ForAll @IntRange(min = -18 * 3600, max = 18 * 3600) int offsetSeconds) {
    Instant time = Instant.ofEpochSecond(seconds, nanos);
    OffsetDateTime local = time.atOffset(ZoneOffset.ofTotalSeconds(offsetSeconds));

    assertThat(Timestamps.format(time)).isEqualTo(SEED.format(time));
    assertThat(Timestamps.format(local)).isEqualTo(SEED.format(time));
  }

  @Example
  void edges_and_nothing() {
    Instant outside = Instant.parse("+12000-01-01T00:00:00Z");
    assertThat(Timestamps.format(Instant.EPOCH)).isEqualTo("1970-01-01T00:00:00.000000Z");
    assertThat(Timestamps.format(Instant.parse("9999-12-31T23:59:59.999999999Z")))
        .isEqualTo("9999-12-31T23:59:59.999999Z");
    assertThat(Timestamps.format(outside)).isEqualTo(SEED.format(outside));
    assertThat(Timestamps.format((Instant) null)).isNull();
    assertThat(Timestamps.format((OffsetDateTime) null)).isNull();
  }
}
