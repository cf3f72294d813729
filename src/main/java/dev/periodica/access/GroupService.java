package dev.periodica.access;

import dev.periodica.common.Forbidden;
import dev.periodica.common.Messages;
import dev.periodica.common.NotFound;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Groups: members see a group, only its owner changes it (else members could grant access). */
public final class GroupService extends ResourceService<Group, GroupDraft> {
  public static final String THING = "group";
  private final GroupRepository groups;

  public GroupService(GroupRepository groups, Clock clock) {
    super(groups, clock, THING);
    this.groups = groups;
  }

  @Override
  protected void checkMayChange(Caller caller, Group current) {
    if (!current.ownerId().equals(caller.userId())) {
      throw new Forbidden(Messages.GROUP_OWNER_ONLY);
    }
  }

  /** The groups of {@code after} not already in {@code before} (all of them when it is null). */
  public static List<UUID> added(List<UUID> after, List<UUID> before) {
    if (before == null) {
      return after;
    }
    Set<UUID> existing = new HashSet<>(before);
    return after.stream().filter(id -> !existing.contains(id)).toList();
  }

  /** Fails with {@code group not found} unless the caller sees every group in {@code ids}. */
  public Future<Void> requireVisible(Caller caller, List<UUID> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture();
    }
    return groups
        .findVisible(caller, ids)
        .compose(
            found ->
                found.size() == new HashSet<>(ids).size()
                    ? Future.<Void>succeededFuture()
                    : Future.failedFuture(new NotFound(Messages.notFound(THING))));
  }
}
