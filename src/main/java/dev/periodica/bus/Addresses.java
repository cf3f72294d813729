package dev.periodica.bus;

/** Event-bus addresses, in one place. */
public final class Addresses {
  /** Published when runs may be waiting to be claimed: workers wake up and claim. */
  public static final String RUNS_AVAILABLE = "periodica.runs.available";

  private Addresses() {}
}
