package dev.periodica.run;

import dev.periodica.common.Codes;
import java.util.Optional;

/** What a fire time does while another run of the same task is pending or running. */
public enum OverlapPolicy {
  /** No new run while one is {@code new}, {@code in_action} or waiting to restart (default). */
  SKIP("skip"),
  /** Runs may overlap. */
  ALLOW("allow");

  private final String code;

  private static final Codes<OverlapPolicy> CODES = Codes.of(values(), OverlapPolicy::code);

  OverlapPolicy(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static Optional<OverlapPolicy> fromCode(String code) {
    return CODES.find(code);
  }
}
