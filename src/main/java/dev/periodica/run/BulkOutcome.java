package dev.periodica.run;

import java.util.List;

/**
 * What a bulk action did: the runs it changed ({@code done}, for a retry the new runs' ids paired
 * with the runs they retry), and, for a selection by ids, the ids it left alone (finished, not in a
 * status the action applies to, hidden or missing: the caller cannot tell these apart). {@code
 * more} is true when a filter matched more runs than one call acts on.
 */
public record BulkOutcome(
    List<Long> done, List<Long> retriedFrom, List<Long> skipped, boolean more) {
  public BulkOutcome {
    done = List.copyOf(done);
    retriedFrom = List.copyOf(retriedFrom);
    skipped = List.copyOf(skipped);
  }
}
