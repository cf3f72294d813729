package dev.periodica.report;

import dev.periodica.access.VisibleRepository;

/** Storage of dashboards: visible to the owner and to the users and groups it is shared with. */
public interface DashboardRepository extends VisibleRepository<Dashboard, DashboardDraft> {}
