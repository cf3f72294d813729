package dev.periodica.report;

import dev.periodica.access.VisibleRepository;

/**
 * Storage of reports: visible to the owner, to the users and groups it is shared with, and, when it
 * is a system report, to everyone for reading.
 */
public interface ReportRepository extends VisibleRepository<Report, ReportDraft> {}
