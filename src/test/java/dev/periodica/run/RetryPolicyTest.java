package dev.periodica.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  @Test
  void back_off_doubles_from_the_base_and_stops_at_the_cap() {
    RetryPolicy middle = new RetryPolicy(Duration.ofSeconds(5), Duration.ofMinutes(5), () -> 0.5);

    assertThat(middle.delayAfter(1)).isEqualTo(Duration.ofSeconds(5));
    assertThat(middle.delayAfter(2)).isEqualTo(Duration.ofSeconds(10));
    assertThat(middle.delayAfter(4)).isEqualTo(Duration.ofSeconds(40));
    assertThat(middle.delayAfter(10)).isEqualTo(Duration.ofMinutes(5));
    assertThat(middle.delayAfter(1000)).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void jitter_spreads_by_twenty_percent_either_way() {
    RetryPolicy low = new RetryPolicy(Duration.ofSeconds(10), Duration.ofMinutes(5), () -> 0.0);
    RetryPolicy high =
        new RetryPolicy(Duration.ofSeconds(10), Duration.ofMinutes(5), () -> 0.999999);

    assertThat(low.delayAfter(1)).isEqualTo(Duration.ofSeconds(8));
    assertThat(high.delayAfter(1)).isBetween(Duration.ofMillis(11_990), Duration.ofSeconds(12));
  }
}
