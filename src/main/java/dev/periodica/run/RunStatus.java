package dev.periodica.run;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

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

  /** Read for every row a repository maps, so looked up rather than searched. */
  private static final Map<String, RunStatus> BY_CODE =
      Arrays.stream(values())
          .collect(Collectors.toUnmodifiableMap(value -> value.code, value -> value));

  RunStatus(String code) {
    this.code = code;
  }

  /** The name the API and the database use. */
  public String code() {
    return code;
  }

  public static Optional<RunStatus> fromCode(String code) {
    return code == null ? Optional.empty() : Optional.ofNullable(BY_CODE.get(code));
  }

  /** Whether no transition leaves this status. */
  public boolean isFinal() {
    return RunTransitions.from(this).isEmpty();
  }
}
