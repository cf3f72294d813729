package dev.periodica.run;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential back-off with jitter for transient failures: {@code base}, doubling per attempt,
 * capped, then spread by ±20% so retries of many runs do not land together.
 */
public final class RetryPolicy {
  static final double JITTER = 0.2;
  private final Duration base;
  private final Duration cap;
  private final DoubleSupplier random;

  /** {@code random} gives values in [0, 1): {@code Math::random} in production. */
  public RetryPolicy(Duration base, Duration cap, DoubleSupplier random) {
    this.base = base;
    this.cap = cap;
    this.random = random;
  }

  /** The delay before attempt {@code failedAttempt + 1}. */
  public Duration delayAfter(int failedAttempt) {
    int doublings = Math.min(Math.max(failedAttempt - 1, 0), 30);
    long millis = Math.min(cap.toMillis(), base.toMillis() << doublings);
    double spread = 1 + JITTER * (2 * random.getAsDouble() - 1);
    return Duration.ofMillis(Math.max(0, Math.round(millis * spread)));
  }
}
