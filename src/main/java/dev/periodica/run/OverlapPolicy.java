package dev.periodica.run;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a fire time does while another run of the same task is pending or running. */
public enum OverlapPolicy {
  /** No new run while one is {@code new}, {@code in_action} or waiting to restart (default). */
  SKIP("skip"),
  /** Runs may overlap. */
  ALLOW("allow");

  private final String code;

  /** Read for every row a repository maps, so looked up rather than searched. */
  private static final Map<String, OverlapPolicy> BY_CODE =
      Arrays.stream(values())
          .collect(Collectors.toUnmodifiableMap(value -> value.code, value -> value));

  OverlapPolicy(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static Optional<OverlapPolicy> fromCode(String code) {
    return code == null ? Optional.empty() : Optional.ofNullable(BY_CODE.get(code));
  }
}
