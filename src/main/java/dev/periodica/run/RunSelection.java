package dev.periodica.run;

import java.util.List;

/**
 * The runs a bulk action applies to: the listed ids, or every run the filter matches (the caller's
 * visibility always applies on top). Exactly one of the two is set.
 */
public record RunSelection(List<Long> ids, RunFilter filter) {
  public RunSelection {
    if ((ids == null) == (filter == null)) {
      throw new IllegalArgumentException("a selection is either ids or a filter");
    }
    ids = ids == null ? null : List.copyOf(ids);
  }

  public static RunSelection of(List<Long> ids) {
    return new RunSelection(ids, null);
  }

  public static RunSelection matching(RunFilter filter) {
    return new RunSelection(null, filter);
  }
}
