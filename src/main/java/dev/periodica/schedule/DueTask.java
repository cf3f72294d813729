package dev.periodica.schedule;

import dev.periodica.run.MisfirePolicy;
import dev.periodica.run.OverlapPolicy;
import java.time.Instant;
import java.util.UUID;

/**
 * A task whose next fire time has come, as the scheduler claimed it; {@code busy} tells whether a
 * run of it is still pending or running; {@code calendar} is its calendar's name or object (null
 * for none).
 */
public record DueTask(
    UUID id,
    UUID reportId,
    UUID instance,
    String interval,
    String timezone,
    Instant startAt,
    Instant stopAt,
    OverlapPolicy overlap,
    MisfirePolicy misfire,
    Instant nextRunAt,
    boolean busy,
    Object calendar) {

  /** A task without a calendar: it may fire at any time. */
  public DueTask(
      UUID id,
      UUID reportId,
      UUID instance,
      String interval,
      String timezone,
      Instant startAt,
      Instant stopAt,
      OverlapPolicy overlap,
      MisfirePolicy misfire,
      Instant nextRunAt,
      boolean busy) {
    this(
        id, reportId, instance, interval, timezone, startAt, stopAt, overlap, misfire, nextRunAt,
        busy, null);
  }
}
