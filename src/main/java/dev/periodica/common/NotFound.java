package dev.periodica.common;

/** The object does not exist or the caller may not see it (both answer alike). */
public final class NotFound extends PeriodicaException {
  public NotFound(String message) {
    super(404, message);
  }
}
