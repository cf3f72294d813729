package dev.periodica.schedule;

import dev.periodica.run.MisfirePolicy;
import dev.periodica.run.OverlapPolicy;
import java.time.Instant;
import java.util.UUID;

/**
 * A task whose next fire time has come, as the scheduler claimed it; {@code busy} tells whether a
 * run of it is still pending or running.
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
    boolean busy) {}
