package dev.periodica.access;

import io.vertx.core.Future;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** Storage of groups: a group is visible to its owner and its members. */
public interface GroupRepository extends VisibleRepository<Group, GroupDraft> {
  /** The groups among {@code ids} the caller may see; missing or hidden ones are absent. */
  Future<List<Group>> findVisible(Caller caller, Collection<UUID> ids);
}
