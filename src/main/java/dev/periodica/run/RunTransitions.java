package dev.periodica.run;

import static dev.periodica.run.RunStatus.CANCEL;
import static dev.periodica.run.RunStatus.CANCEL_TOO_LONG;
import static dev.periodica.run.RunStatus.COMPLETE;
import static dev.periodica.run.RunStatus.ERROR;
import static dev.periodica.run.RunStatus.IN_ACTION;
import static dev.periodica.run.RunStatus.NEED_RESTART;
import static dev.periodica.run.RunStatus.NEW;

import dev.periodica.common.Conflict;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The one table of allowed run state changes; every change of a run's status is checked here before
 * it is written (with a status guard in SQL).
 */
public final class RunTransitions {
  private static final Map<RunStatus, Set<RunStatus>> ALLOWED = new EnumMap<>(RunStatus.class);

  static {
    // NEW -> ERROR: a run pinned to an instance that has not been running for too long
    ALLOWED.put(NEW, EnumSet.of(IN_ACTION, ERROR, CANCEL, CANCEL_TOO_LONG));
    ALLOWED.put(IN_ACTION, EnumSet.of(COMPLETE, ERROR, NEED_RESTART, CANCEL, CANCEL_TOO_LONG));
    ALLOWED.put(NEED_RESTART, EnumSet.of(IN_ACTION, ERROR, CANCEL, CANCEL_TOO_LONG));
    ALLOWED.put(COMPLETE, EnumSet.noneOf(RunStatus.class));
    ALLOWED.put(ERROR, EnumSet.noneOf(RunStatus.class));
    ALLOWED.put(CANCEL, EnumSet.noneOf(RunStatus.class));
    ALLOWED.put(CANCEL_TOO_LONG, EnumSet.noneOf(RunStatus.class));
  }

  private RunTransitions() {}

  public static Set<RunStatus> from(RunStatus status) {
    Set<RunStatus> next = EnumSet.noneOf(RunStatus.class);
    next.addAll(ALLOWED.get(status));
    return next;
  }

  public static boolean allowed(RunStatus from, RunStatus to) {
    return ALLOWED.get(from).contains(to);
  }

  /** Throws {@link Conflict} naming both statuses when the change is not allowed. */
  public static void require(RunStatus from, RunStatus to) {
    if (!allowed(from, to)) {
      throw new Conflict("a run cannot go from " + from.code() + " to " + to.code());
    }
  }
}
