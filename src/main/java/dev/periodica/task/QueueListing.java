package dev.periodica.task;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A page of a filtered listing: its items, how many match in all, and the newest change among
 * everything that matches (null when nothing does).
 */
public record QueueListing<T>(List<T> items, long total, OffsetDateTime lastModified) {
  public QueueListing {
    items = List.copyOf(items);
  }
}
