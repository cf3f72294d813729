package dev.periodica.run;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The job kinds this instance can run, by name. */
public final class JobRegistry {
  private final Map<String, Job> jobs = new ConcurrentHashMap<>();

  public JobRegistry register(String kind, Job job) {
    jobs.put(kind, job);
    return this;
  }

  public Optional<Job> find(String kind) {
    return Optional.ofNullable(jobs.get(kind));
  }
}
