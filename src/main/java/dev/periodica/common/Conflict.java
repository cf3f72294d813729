package dev.periodica.common;

/** The request clashes with the current state of an object. */
public final class Conflict extends PeriodicaException {
  public Conflict(String message) {
    super(409, message);
  }
}
