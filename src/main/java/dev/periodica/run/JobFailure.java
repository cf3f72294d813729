package dev.periodica.run;

/** A job's failure: permanent (bad data, {@code error}) or transient (retried later). */
public final class JobFailure extends RuntimeException {
  private final boolean transientFailure;

  private JobFailure(String message, boolean transientFailure) {
    super(message, null, false, false);
    this.transientFailure = transientFailure;
  }

  public static JobFailure permanent(String message) {
    return new JobFailure(message, false);
  }

  public static JobFailure transientFailure(String message) {
    return new JobFailure(message, true);
  }

  public boolean isTransient() {
    return transientFailure;
  }
}
