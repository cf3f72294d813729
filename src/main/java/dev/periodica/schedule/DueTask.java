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
 * choose among.
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
    Set<UUID> busyOn) {
  public DueTask {
    instances = List.copyOf(instances);
    busyOn = Set.copyOf(busyOn);
  }
}
