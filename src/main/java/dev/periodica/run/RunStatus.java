package dev.periodica.run;

import dev.periodica.common.Codes;
import java.util.Optional;

/** The statuses of a run, named as seed 001 names them (and as the runs table stores them). */
public enum RunStatus {
  /** Always set at creation: waiting to be claimed. */
  NEW("new"),
  /** Claimed by a worker and being built. */
  IN_ACTION("in_action"),
  /** Built; progress is 100. */
  COMPLETE("complete"),
  /** Cancelled by a user. */
  CANCEL("cancel"),
  /** Failed on bad data; not retried. */
  ERROR("error"),
  /** Failed transiently (or its instance died); retried automatically later. */
  NEED_RESTART("need_restart"),
  /** Took too long, or stopped by an administrator. */
  CANCEL_TOO_LONG("cancel_too_long");

  private final String code;

  private static final Codes<RunStatus> CODES = Codes.of(values(), RunStatus::code);

  RunStatus(String code) {
    this.code = code;
  }

  /** The name the API and the database use. */
  public String code() {
    return code;
  }

  public static Optional<RunStatus> fromCode(String code) {
    return CODES.find(code);
  }

  /** Whether no transition leaves this status. */
  public boolean isFinal() {
    return RunTransitions.from(this).isEmpty();
  }
}
