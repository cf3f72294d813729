package dev.periodica.run;

/**
 * A run with its number among its task's runs (1 for the first), for the systems that show a run
 * history as numbered batches. Runs removed by retention keep the later numbers where they were.
 */
public record NumberedRun(Run run, long number) {}
