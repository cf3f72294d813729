package dev.periodica.run;

import dev.periodica.common.Invalid;
import dev.periodica.common.Messages;
import java.util.List;
import java.util.Optional;

/**
 * The job kinds of this server, read-only: what the task service checks a task's {@code job}
 * against when it is saved, and what {@code GET /jobs} and the published contract list.
 */
public interface JobCatalog {
  Optional<JobKind> find(String name);

  /** Every kind, by name. */
  List<JobKind> kinds();

  default List<String> names() {
    return kinds().stream().map(JobKind::name).toList();
  }

  /** The kind named {@code name}, or {@link Invalid} listing the known ones. */
  default JobKind require(String name) {
    return find(name).orElseThrow(() -> new Invalid(Messages.unknownJob(name, names())));
  }
}
