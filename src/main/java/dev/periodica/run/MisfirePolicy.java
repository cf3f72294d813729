package dev.periodica.run;

import dev.periodica.common.Codes;
import java.util.Optional;

/** What happens to fire times missed while no instance was running (after downtime). */
public enum MisfirePolicy {
  /** One run for all missed fire times, for the latest of them (default). */
  ONCE("once"),
  /** Missed fire times are dropped; the task goes on from the next one. */
  SKIP("skip"),
  /** One run per missed fire time, within the catch-up window. */
  ALL("all");

  private final String code;

  private static final Codes<MisfirePolicy> CODES = Codes.of(values(), MisfirePolicy::code);

  MisfirePolicy(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static Optional<MisfirePolicy> fromCode(String code) {
    return CODES.find(code);
  }
}
