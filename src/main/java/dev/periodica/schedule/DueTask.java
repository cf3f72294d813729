package dev.periodica.schedule;

import dev.periodica.run.MisfirePolicy;
import dev.periodica.run.OverlapPolicy;
import dev.periodica.run.Placement;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A task whose next fire time has come, as the scheduler claimed it; {@code busy} tells whether a
 * run of it is still pending or running, and for placement {@code each}, {@code busyOn} on which
 * instances. {@code instances}: the ids and lower-case names {@code first} and {@code one_of}
 * choose among, or an {@code each} task is limited to (applied when its runs are inserted). {@code
 * calendar} is its calendar's name or object (null for none).
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
    Placement placement,
    List<String> instances,
    Set<UUID> busyOn,
    Object calendar) {
  public DueTask {
    instances = List.copyOf(instances);
    busyOn = Set.copyOf(busyOn);
  }

  /** A task placed as given, without a calendar: it may fire at any time. */
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
      boolean busy,
      Placement placement,
      List<String> instances,
      Set<UUID> busyOn) {
    this(
        id, reportId, instance, interval, timezone, startAt, stopAt, overlap, misfire, nextRunAt,
        busy, placement, instances, busyOn, null);
  }
}
