package dev.periodica.common;

/** The object existed but its content is no longer available (a file gone from storage). */
public final class Gone extends PeriodicaException {
  public Gone(String message) {
    super(410, message);
  }
}
