package dev.periodica.schedule;

import dev.periodica.common.Ids;
import dev.periodica.run.OverlapPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Places the runs of a due task's fire times on instances. Pure: the same task, fire times and live
 * instances always give the same runs.
 *
 * <ul>
 *   <li>{@code any}: one run per fire time, pinned to the task's {@code instance} (nil: any).
 *   <li>{@code each}: one run per fire time and live instance, pinned to it; with overlap {@code
 *       skip}, none for an instance that still has a pending or running run of the task. The
 *       instance placing the runs is live whatever its last heartbeat says. A task's {@code
 *       instances} list (optional for {@code each}) is applied where the runs are inserted ({@link
 *       DueTaskRepository#fireDue}), in SQL: only the runs of the instances it names are kept.
 *   <li>{@code first}: one run pinned to the first live instance of the list (entries in order; a
 *       name several instances share stands for them in the order they started). When none is live
 *       the run is left unpinned and any instance of the list may claim it; housekeeping ends it
 *       {@code error}, naming the instances, when none appears within the pinned give-up time.
 *   <li>{@code one_of}: one unpinned run that any live instance of the list may claim.
 * </ul>
 */
public final class PlacementPlanner {
  private final LiveInstance self;
  private final Duration deadAfter;

  /** {@code deadAfter}: the heartbeat silence after which an instance is not live. */
  public PlacementPlanner(LiveInstance self, Duration deadAfter) {
    this.self = self;
    this.deadAfter = deadAfter;
  }

  /** Instances heard from after this moment are live at {@code now}. */
  public Instant liveSince(Instant now) {
    return now.minus(deadAfter);
  }

  /** The runs of {@code fireTimes}. {@code live}: the live instances, in the order they started. */
  public List<PlacedRun> place(DueTask task, List<Instant> fireTimes, List<LiveInstance> live) {
    List<PlacedRun> runs = new ArrayList<>();
    switch (task.placement()) {
      case ANY -> fireTimes.forEach(fire -> runs.add(new PlacedRun(fire, task.instance(), nil())));
      case EACH -> {
        for (Instant fire : fireTimes) {
          for (UUID instance : withSelf(live)) {
            boolean busy = task.overlap() == OverlapPolicy.SKIP && task.busyOn().contains(instance);
            if (!busy) {
              runs.add(new PlacedRun(fire, instance, instance));
            }
          }
        }
      }
      case FIRST -> {
        UUID first = firstListed(task.instances(), live);
        fireTimes.forEach(fire -> runs.add(new PlacedRun(fire, first, nil())));
      }
      case ONE_OF -> fireTimes.forEach(fire -> runs.add(new PlacedRun(fire, nil(), nil())));
    }
    return runs;
  }

  private List<UUID> withSelf(List<LiveInstance> live) {
    Map<UUID, LiveInstance> byId = new LinkedHashMap<>();
    live.forEach(instance -> byId.put(instance.id(), instance));
    byId.putIfAbsent(self.id(), self);
    return List.copyOf(byId.keySet());
  }

  /** The first live instance an entry of {@code entries} names, or nil when none is live. */
  static UUID firstListed(List<String> entries, List<LiveInstance> live) {
    for (String entry : entries) {
      for (LiveInstance instance : live) {
        if (instance.id().toString().equals(entry)
            || instance.name().toLowerCase(Locale.ROOT).equals(entry)) {
          return instance.id();
        }
      }
    }
    return nil();
  }

  private static UUID nil() {
    return Ids.ANY_INSTANCE;
  }
}
