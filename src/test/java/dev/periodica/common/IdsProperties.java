package dev.periodica.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class IdsProperties {
  /** What {@link Ids#parse} accepted when it matched a regular expression, as the oracle. */
  private static final Pattern CANONICAL =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private static Optional<UUID> oracle(String text) {
    return text == null || !CANONICAL.matcher(text).matches()
        ? Optional.empty()
        : Optional.of(UUID.fromString(text));
  }

  @Property(tries = 2000)
  void parses_exactly_what_the_canonical_pattern_accepts_to_the_same_uuid(
      @ForAll("nearlyUuids") String text) {
    assertThat(Ids.parse(text)).isEqualTo(oracle(text));
  }

  @Property(tries = 500)
  void any_uuid_written_in_either_case_reads_back(@ForAll("uuids") UUID id) {
    assertThat(Ids.parse(id.toString())).contains(id);
    assertThat(Ids.parse(id.toString().toUpperCase())).contains(id);
  }

  @Example
  void refuses_null_short_long_and_misplaced_dashes() {
    assertThat(Ids.parse(null)).isEmpty();
    assertThat(Ids.parse("")).isEmpty();
    assertThat(Ids.parse("593c3f81-6174-42fb-8f2b-bdc017e61a8")).isEmpty();
    assertThat(Ids.parse("593c3f81-6174-42fb-8f2b-bdc017e61a8d0")).isEmpty();
    assertThat(Ids.parse("593c3f8-16174-42fb-8f2b-bdc017e61a8d")).isEmpty();
    assertThat(Ids.parse("593c3f81+6174-42fb-8f2b-bdc017e61a8d")).isEmpty();
    assertThat(Ids.parse("593c3f81-6174-42fb-8f2b-bdc017e61a8g")).isEmpty();
    assertThat(Ids.parse("ffffffff-ffff-ffff-ffff-ffffffffffff")).contains(new UUID(-1L, -1L));
  }

  @Provide
  Arbitrary<String> nearlyUuids() {
    // a uuid with one character replaced, removed or added, or left alone
    Arbitrary<String> uuids = uuids().map(UUID::toString);
    Arbitrary<Character> any =
        Arbitraries.of('0', '9', 'a', 'f', 'A', 'F', 'g', 'G', '-', ' ', '/');
    return Arbitraries.oneOf(
        uuids,
        uuids.map(String::toUpperCase),
        net.jqwik.api.Combinators.combine(uuids, Arbitraries.integers().between(0, 35), any)
            .as((u, i, c) -> u.substring(0, i) + c + u.substring(i + 1)),
        net.jqwik.api.Combinators.combine(uuids, Arbitraries.integers().between(0, 35))
            .as((u, i) -> u.substring(0, i) + u.substring(i + 1)),
        net.jqwik.api.Combinators.combine(uuids, Arbitraries.integers().between(0, 36), any)
            .as((u, i, c) -> u.substring(0, i) + c + u.substring(i)));
  }

  @Provide
  Arbitrary<UUID> uuids() {
    return Arbitraries.longs().tuple2().map(t -> new UUID(t.get1(), t.get2()));
  }
}
