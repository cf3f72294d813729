package dev.periodica.api;

import dev.periodica.task.ReportTask;

/** A task with its report expanded: the body of {@code report_tasks/create}. */
public record TaskDetails(ReportTask task, ReportDetails report) {}
