package dev.periodica.common;

import java.util.List;
import java.util.function.Function;

/** A page of a list with the total count of matching rows. */
public record Page<T>(List<T> items, long total, int limit, int offset) {
  public Page {
    items = List.copyOf(items);
  }

  public <R> Page<R> map(Function<T, R> mapper) {
    return new Page<>(items.stream().map(mapper).toList(), total, limit, offset);
  }
}
