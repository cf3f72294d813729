package dev.periodica.bus;

/** Event-bus addresses, in one place. Each is fed on every instance by PostgreSQL notifications. */
public final class Addresses {
  /** Published when runs may be waiting to be claimed: workers wake up and claim. */
  public static final String RUNS_AVAILABLE = "periodica.runs.available";

  /** A run was cancelled or timed out (body: its id as text): its worker stops it. */
  public static final String RUN_STOPPED = "periodica.runs.stopped";

  /**
   * Runs changed status or progress, for live subscribers (body: the JSON text of the runs one
   * statement changed, as an array, or of one run).
   */
  public static final String RUN_EVENTS = "periodica.runs.events";

  /** Shares or group memberships changed somewhere: cached visibility answers are stale. */
  public static final String ACCESS_CHANGED = "periodica.access.changed";

  /**
   * Run events are heard again after the LISTEN connection was made anew: those sent meanwhile were
   * lost, and live subscribers may show runs in states they have left.
   */
  public static final String RUN_EVENTS_RESUMED = "periodica.runs.events.resumed";

  private Addresses() {}
}
