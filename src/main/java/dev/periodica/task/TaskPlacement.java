package dev.periodica.task;

import dev.periodica.common.Ids;
import dev.periodica.common.Invalid;
import dev.periodica.common.Messages;
import dev.periodica.run.Placement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Where a task's runs execute: its {@link Placement} and, for {@code first} and {@code one_of}, the
 * instances to choose among, by id or name, in order; for {@code each}, optionally, the instances
 * it is limited to (empty: every live instance). Entries are kept lower-case: ids are written
 * canonically and names, like host names, match without regard to case.
 */
public record TaskPlacement(Placement placement, List<String> instances) {
  public static final TaskPlacement ANY = new TaskPlacement(Placement.ANY, List.of());
  public static final int MAX_INSTANCES = 100;

  /** As long as a DNS name: the default instance name is the host name. */
  public static final int MAX_NAME = 253;

  /**
   * A plausible instance name; {@code config.AppConfig} checks {@code INSTANCE_NAME} with the same
   * pattern (the config package may not depend on this one).
   */
  public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  public TaskPlacement {
    instances = List.copyOf(instances);
  }

  /**
   * The placement a caller asked for, checked: each entry is an id or a plausible name, at most
   * {@link #MAX_INSTANCES} of them, none twice; {@code first} and {@code one_of} need the list,
   * {@code each} may have one and {@code any} refuses it; the seed's pinned {@code instance} (not
   * the nil uuid) goes only with {@code any}.
   *
   * @throws Invalid with a message naming the offending field or entry
   */
  public static TaskPlacement of(Placement placement, List<String> entries, UUID instance) {
    List<String> normalised = entries(entries);
    if (placement.usesList() && normalised.isEmpty()) {
      throw new Invalid(Messages.placementNeedsInstances(placement.code()));
    }
    if (!placement.acceptsList() && !normalised.isEmpty()) {
      throw new Invalid(Messages.INSTANCES_ONLY_WITH_LIST);
    }
    if (placement != Placement.ANY && !Ids.ANY_INSTANCE.equals(instance)) {
      throw new Invalid(Messages.instancePinsOnlyAny(placement.code()));
    }
    return new TaskPlacement(placement, normalised);
  }

  /**
   * The entries of an {@code instances} list, checked one by one and normalised, whatever the
   * placement: what a patch that sends the list without its placement can be judged on before the
   * task is read.
   *
   * @throws Invalid naming the offending entry
   */
  public static List<String> entries(List<String> entries) {
    if (entries.size() > MAX_INSTANCES) {
      throw new Invalid(Messages.tooManyInstances(MAX_INSTANCES));
    }
    List<String> normalised = new ArrayList<>(entries.size());
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < entries.size(); i++) {
      String entry = normalise(entries.get(i), i);
      if (!seen.add(entry)) {
        throw new Invalid(Messages.instanceListedTwice(entry));
      }
      normalised.add(entry);
    }
    return normalised;
  }

  private static String normalise(String entry, int index) {
    String field = "instances[" + index + "]";
    if (entry.length() > MAX_NAME) {
      throw new Invalid(Messages.tooLong(field, MAX_NAME));
    }
    Optional<UUID> id = Ids.parse(entry);
    if (id.isPresent()) {
      if (id.get().equals(Ids.ANY_INSTANCE)) {
        throw new Invalid(Messages.nilInstanceListed(index));
      }
      return id.get().toString();
    }
    if (!NAME.matcher(entry).matches()) {
      throw new Invalid(Messages.mustBe(field, Messages.INSTANCE_NAME_SHAPE));
    }
    return entry.toLowerCase(Locale.ROOT);
  }
}
