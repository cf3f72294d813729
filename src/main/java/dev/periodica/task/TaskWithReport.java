package dev.periodica.task;

/**
 * What the detail view of a task or of a report shows, read in one statement. {@code R} is the
 * report as the reader knows it (this package does not know reports).
 *
 * @param task the task read by id; null when a report was read
 * @param report its report; null for a task without one
 * @param latest the report's latest task when the caller sees it (the task itself when it is the
 *     latest), else null
 */
public record TaskWithReport<R>(ReportTask task, R report, ReportTask latest) {}
