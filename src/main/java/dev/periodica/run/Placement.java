package dev.periodica.run;

import dev.periodica.common.Codes;
import java.util.Optional;

/** Where the runs of a task execute, decided at every fire time among the live instances. */
public enum Placement {
  /** One run, on any instance, or on the task's pinned {@code instance} (default). */
  ANY("any"),
  /**
   * One run per live instance, each pinned to its instance; with an {@code instances} list, only on
   * the live instances it names.
   */
  EACH("each"),
  /** One run, on the first live instance of the task's list, in the list's order. */
  FIRST("first"),
  /** One run, which any live instance of the task's list may claim. */
  ONE_OF("one_of");

  private final String code;

  private static final Codes<Placement> CODES = Codes.of(values(), Placement::code);

  Placement(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  /** Whether the placement chooses among the task's {@code instances} list, which it needs. */
  public boolean usesList() {
    return this == FIRST || this == ONE_OF;
  }

  /**
   * Whether the placement may be given an {@code instances} list: those that need one, and {@code
   * each}, whose list (optional) narrows the live instances it places runs on.
   */
  public boolean acceptsList() {
    return this != ANY;
  }

  public static Optional<Placement> fromCode(String code) {
    return CODES.find(code);
  }
}
