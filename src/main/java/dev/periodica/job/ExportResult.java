package dev.periodica.job;

import dev.periodica.run.RunFile;

/**
 * What a dataset export produced: the stored file (download name, path, size, content type and
 * SHA-256, all computed while it was written) and the number of rows in it (the header aside).
 */
public record ExportResult(RunFile file, long rows) {}
