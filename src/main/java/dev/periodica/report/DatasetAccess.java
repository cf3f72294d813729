package dev.periodica.report;

import java.util.Optional;

/**
 * Everything that reads the datasets: the catalog, the structured query compiler, the runner (a
 * pool logged in as a read-only role) and whether raw SQL may run here.
 *
 * @param rawSqlRefusal why raw SQL series may not run on this server (no read-only login could be
 *     set up); empty when they may
 */
public record DatasetAccess(
    DatasetCatalog catalog,
    QueryCompiler compiler,
    QueryRunner runner,
    int rowCap,
    Optional<String> rawSqlRefusal) {}
