package dev.periodica.report;

import dev.periodica.access.VisibleRepository;

/**
 * Storage of reports: visible to the owner, to the users and groups it is shared with, and, when it
 * is a system report, to everyone for reading.
 */
public interface ReportRepository extends VisibleRepository<Report, ReportDraft> {
  /** The report whose stable numeric id is {@code number}, if the caller may read it. */
  io.vertx.core.Future<java.util.Optional<Report>> findVisibleByNumber(
      dev.periodica.access.Caller caller, long number);

  /**
   * The report {@code id} if the caller may read it, with its owner and the users it is shared
   * with, in one statement.
   */
  io.vertx.core.Future<java.util.Optional<ReportWithUsers>> findVisibleWithUsers(
      dev.periodica.access.Caller caller, java.util.UUID id);
}
