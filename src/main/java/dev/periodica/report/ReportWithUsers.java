package dev.periodica.report;

import dev.periodica.access.User;
import java.util.Map;
import java.util.UUID;

/**
 * A report read together with the users its expansion names (its owner and the users it is shared
 * with), so showing it costs one statement fewer.
 */
public record ReportWithUsers(Report report, Map<UUID, User> users) {}
