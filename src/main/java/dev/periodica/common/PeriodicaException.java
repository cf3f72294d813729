package dev.periodica.common;

/** Base of every domain failure; the API failure handler turns its status and message into JSON. */
public abstract class PeriodicaException extends RuntimeException {
  private final int status;

  protected PeriodicaException(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  /** HTTP status this failure answers with. */
  public int status() {
    return status;
  }
}
