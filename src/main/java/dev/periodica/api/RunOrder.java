package dev.periodica.api;

import dev.periodica.run.RunStatus;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The newest state of each run one live-progress connection has sent, so that it never sends an
 * older one after it: a snapshot read before a live event that has already gone out, or a live
 * event whose notification reached the hub after a snapshot showing a later state was read.
 *
 * <p>States are ordered by {@link Mark}: attempt, then phase within the attempt, then {@code
 * updated_at}. {@code updated_at} alone would not do: it comes from the clock of whichever instance
 * wrote the change, so a retry claimed by an instance whose clock is behind the one that wrote
 * {@code need_restart} would look older than it, and be withheld. A run never goes back in
 * (attempt, phase) (see {@code RunTransitions}: {@code need_restart} goes on to {@code in_action}
 * of the next attempt), and within one phase of one attempt its changes are written by one instance
 * (progress by the claiming one). Equal marks are sent: a statement that changes progress without
 * moving {@code updated_at} (or an event without it) must not be withheld.
 *
 * <p>Memory is bounded per connection, since one subscribed to everything hears of unbounded runs
 * over days: a run is forgotten once its final state is sent live while no subscription is under
 * way (the live events reach a hub in commit order, over one LISTEN connection per instance, so
 * nothing older follows a final state on it; only a snapshot under way could be older, so while one
 * is, the run is kept); and beyond {@link #MAX_RUNS} runs, the one heard of least recently is
 * forgotten. That one then loses only this protection, and the runs heard of least recently are the
 * least likely to have an older notification still on its way (one is late by moments, not by
 * thousands of other runs' events). Not so while a subscription is under way: its snapshot may have
 * been read before any of the live events sent since, however many runs they are (a sweep or a
 * large claim while the snapshot waits for its turn), and a run forgotten then would be sent back
 * to the snapshot's older state. So while one is, runs are kept up to {@link #MAX_HELD}; beyond
 * that the run heard of least recently is forgotten all the same and the snapshot is {@link
 * #overrun}: the connection cannot tell which of its rows are stale, and is closed for the client
 * to subscribe again.
 */
final class RunOrder {
  /** Runs remembered per connection at most (about 100 bytes each). */
  static final int MAX_RUNS = 4096;

  /** Runs remembered at most while a subscription is under way. */
  static final int MAX_HELD = MAX_RUNS + ProgressSocket.MAX_PENDING;

  /** Where a state stands in its run's life; ordered, see {@link RunOrder}. */
  record Mark(int attempt, int phase, long micros) {
    /** The time of an event that has none: equal to any, so it orders by attempt and phase. */
    static final long UNKNOWN = Long.MIN_VALUE;

    static final int FINAL = 3;

    /** The mark of a state, or null when its status is unknown (such a state is not ordered). */
    static Mark of(String status, Integer attempt, String updatedAt) {
      int phase = phase(RunStatus.fromCode(status).orElse(null));
      if (phase < 0) {
        return null;
      }
      long micros = UNKNOWN;
      if (updatedAt != null) {
        try {
          micros = micros(OffsetDateTime.parse(updatedAt));
        } catch (DateTimeParseException e) {
          micros = UNKNOWN;
        }
      }
      return new Mark(attempt == null ? 0 : attempt, phase, micros);
    }

    static Mark of(RunStatus status, int attempt, OffsetDateTime updatedAt) {
      return new Mark(attempt, phase(status), updatedAt == null ? UNKNOWN : micros(updatedAt));
    }

    private static long micros(OffsetDateTime time) {
      return ChronoUnit.MICROS.between(java.time.Instant.EPOCH, time.toInstant());
    }

    private static int phase(RunStatus status) {
      if (status == null) {
        return -1;
      }
      return switch (status) {
        case NEW -> 0;
        case IN_ACTION -> 1;
        case NEED_RESTART -> 2;
        case COMPLETE, ERROR, CANCEL, CANCEL_TOO_LONG -> FINAL;
      };
    }

    /** Whether this state came before {@code other}; equal marks did not. */
    boolean before(Mark other) {
      if (attempt != other.attempt) {
        return attempt < other.attempt;
      }
      if (phase != other.phase) {
        return phase < other.phase;
      }
      return micros != UNKNOWN && other.micros != UNKNOWN && micros < other.micros;
    }

    boolean isFinal() {
      return phase == FINAL;
    }
  }

  /** Each remembered run's newest sent mark, the run heard of least recently first. */
  private final Map<Long, Mark[]> newest =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Mark[]> eldest) {
          if (!held) {
            return size() > MAX_RUNS;
          }
          if (size() > MAX_HELD) {
            overrun = true;
            return true;
          }
          return false;
        }
      };

  /** Whether a subscription is under way (as last told): runs are kept up to {@link #MAX_HELD}. */
  private boolean held;

  /** Whether a run was forgotten while a subscription was under way. */
  private boolean overrun;

  /**
   * Tells whether a subscription is under way; once none is, the runs kept beyond {@link #MAX_RUNS}
   * meanwhile are forgotten, those heard of least recently first.
   */
  private void hold(boolean subscribing) {
    if (subscribing == held) {
      return;
    }
    held = subscribing;
    if (!subscribing) {
      overrun = false;
      var eldest = newest.values().iterator();
      for (int extra = newest.size() - MAX_RUNS; extra > 0; extra--) {
        eldest.next();
        eldest.remove();
      }
    }
  }

  /**
   * Whether a run was forgotten while this subscription was under way: its snapshot may hold a
   * state older than one sent, and cannot be sent.
   */
  boolean overrun() {
    return overrun;
  }

  /**
   * Whether a live event of {@code run} at {@code mark} may be sent, remembering it if so. {@code
   * subscribing}: a snapshot is under way, so a final state is remembered too. One map lookup for a
   * run already remembered (the common case: a run's progress), two for its first event.
   */
  boolean live(long run, Mark mark, boolean subscribing) {
    hold(subscribing);
    if (mark == null) {
      return true;
    }
    Mark[] sent = newest.get(run);
    if (sent != null && mark.before(sent[0])) {
      return false;
    }
    if (mark.isFinal() && !subscribing) {
      if (sent != null) {
        newest.remove(run);
      }
    } else if (sent != null) {
      sent[0] = mark;
    } else {
      newest.put(run, new Mark[] {mark});
    }
    return true;
  }

  /**
   * Whether a snapshot's state of {@code run} may be sent, remembering it if so: not when this
   * connection already sent that state or a newer one.
   */
  boolean snapshot(long run, Mark mark) {
    hold(true);
    Mark[] sent = newest.get(run);
    if (sent != null && !sent[0].before(mark)) {
      return false;
    }
    if (sent != null) {
      sent[0] = mark;
    } else {
      newest.put(run, new Mark[] {mark});
    }
    return true;
  }

  /** Runs remembered now. */
  int size() {
    return newest.size();
  }

  void clear() {
    newest.clear();
  }
}
