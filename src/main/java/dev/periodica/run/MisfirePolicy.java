package dev.periodica.run;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** What happens to fire times missed while no instance was running (after downtime). */
public enum MisfirePolicy {
  /** One run for all missed fire times, for the latest of them (default). */
  ONCE("once"),
  /** Missed fire times are dropped; the task goes on from the next one. */
  SKIP("skip"),
  /** One run per missed fire time, within the catch-up window. */
  ALL("all");

  private final String code;

  /** Read for every row a repository maps, so looked up rather than searched. */
  private static final Map<String, MisfirePolicy> BY_CODE =
      Arrays.stream(values())
          .collect(Collectors.toUnmodifiableMap(value -> value.code, value -> value));

  MisfirePolicy(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static Optional<MisfirePolicy> fromCode(String code) {
    return code == null ? Optional.empty() : Optional.ofNullable(BY_CODE.get(code));
  }
}
