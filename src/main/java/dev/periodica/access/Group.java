package dev.periodica.access;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A group of users; reports and dashboards shared with it are shared with every member. */
public record Group(
    UUID id, UUID ownerId, GroupDraft fields, OffsetDateTime createdAt, OffsetDateTime updatedAt)
    implements Stored<GroupDraft> {

  public List<UUID> userIds() {
    return fields.userIds();
  }
}
