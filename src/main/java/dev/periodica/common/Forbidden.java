package dev.periodica.common;

/** The caller sees the object but may not change it. */
public final class Forbidden extends PeriodicaException {
  public Forbidden(String message) {
    super(403, message);
  }
}
