package dev.periodica.api;

import dev.periodica.access.GroupDraft;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** Group fields, named as the seed's group model names them. */
final class GroupParser implements DraftParser<GroupDraft> {
  @Override
  public GroupDraft blank() {
    return new GroupDraft(null, null, null, null, null, null, false, false, false, null, List.of());
  }

  @Override
  public GroupDraft placeholder() {
    return new GroupDraft("-", null, null, null, null, null, false, false, false, null, List.of());
  }

  @Override
  public GroupDraft parse(JsonObject body, GroupDraft base) {
    return new GroupDraft(
        Input.requiredText(body, "name", base.name(), Input.MAX_NAME),
        Input.text(body, "parent_group", base.parentGroup(), Input.MAX_NAME),
        Input.text(body, "realm_id", base.realmId(), Input.MAX_NAME),
        Input.text(body, "email", base.email(), Input.MAX_NAME),
        Input.text(body, "phone_number", base.phoneNumber(), Input.MAX_NAME),
        Input.text(body, "leader_id", base.leaderId(), Input.MAX_NAME),
        Input.bool(body, "accept_risk", base.acceptRisk()),
        Input.bool(body, "visible_scan_schedules", base.visibleScanSchedules()),
        Input.bool(body, "stop_scans", base.stopScans()),
        Input.text(body, "edited_by", base.editedBy(), Input.MAX_NAME),
        Input.ids(body, "user_ids", "user", base.userIds()));
  }
}
