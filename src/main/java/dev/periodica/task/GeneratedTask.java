package dev.periodica.task;

import dev.periodica.run.Run;

/** A one-shot task made for a user's request to generate a report now, and its run. */
public record GeneratedTask(ReportTask task, Run run) {}
