package dev.periodica.task;

/**
 * A task read together with its report in one statement. {@code R} is the report as the reader
 * knows it (this package does not know reports); null for a task without a report. Read by report,
 * the task is its latest one, null when it has none the caller sees.
 */
public record TaskWithReport<R>(ReportTask task, R report) {}
