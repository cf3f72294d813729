package dev.periodica.common;

/** The request is malformed or breaks a rule; the message tells the caller what to fix. */
public final class Invalid extends PeriodicaException {
  public Invalid(String message) {
    super(400, message);
  }
}
