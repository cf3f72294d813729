package dev.periodica.report;

/**
 * Decides whether a task's {@code interval} is a schedule the engine understands; the schedule
 * package provides it, wired at start-up, so this package need not depend on it.
 */
@FunctionalInterface
public interface IntervalRule {
  boolean accepts(String interval);
}
