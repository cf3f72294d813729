package dev.periodica.task;

/**
 * A task read together with its report in one statement. {@code R} is the report as the reader
 * knows it (this package does not know reports); null for a task without a report.
 */
public record TaskWithReport<R>(ReportTask task, R report) {}
