package dev.periodica.access;

import java.util.List;
import java.util.UUID;

/** The fields of a group a caller sets, on create and (merged with the current ones) on patch. */
public record GroupDraft(
    String name,
    String parentGroup,
    String realmId,
    String email,
    String phoneNumber,
    String leaderId,
    boolean acceptRisk,
    boolean visibleScanSchedules,
    boolean stopScans,
    String editedBy,
    List<UUID> userIds) {

  public GroupDraft {
    userIds = List.copyOf(userIds);
  }
}
