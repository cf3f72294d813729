package dev.periodica.run;

import io.vertx.core.Future;

/**
 * The run of a job kind alone: what {@link JobKind} adds a name, params and report rules to. A
 * plain job registered by name ({@link JobRegistry#register(String, Job)}) is a kind that needs no
 * report and takes any params; the engine's tests register theirs so.
 */
@FunctionalInterface
public interface Job {
  Future<Void> run(JobContext context);
}
