package dev.periodica.report;

/** A task with its report expanded: the body of {@code report_tasks/create}. */
public record TaskDetails(ReportTask task, ReportDetails report) {}
