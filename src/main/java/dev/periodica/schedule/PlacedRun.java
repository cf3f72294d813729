package dev.periodica.schedule;

import java.time.Instant;
import java.util.UUID;

/**
 * A run to create for a fire time: {@code pinned} is the only instance that may claim it (the nil
 * uuid: any instance its placement allows), {@code slot} the instance an {@code each} run belongs
 * to (the nil uuid otherwise). The database keeps one run per task, fire time and slot.
 */
public record PlacedRun(Instant fireTime, UUID pinned, UUID slot) {}
