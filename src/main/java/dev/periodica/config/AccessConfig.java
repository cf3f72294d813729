package dev.periodica.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Who administers this deployment: {@code ADMIN_USER_IDS}, a comma-separated list (or JSON array)
 * of user uuids. Administrators alone make reports system-wide, change and delete system reports,
 * and see the instances.
 */
public record AccessConfig(Set<UUID> adminUserIds) {

  public AccessConfig {
    adminUserIds = Set.copyOf(adminUserIds);
  }

  static AccessConfig from(JsonObject json) {
    Object value = json.getValue(ConfigKeys.ADMIN_USER_IDS);
    Set<UUID> ids = new LinkedHashSet<>();
    Iterable<?> items =
        value == null
            ? java.util.List.of()
            : value instanceof JsonArray array
                ? array
                : java.util.List.of(value.toString().split(","));
    for (Object item : items) {
      String text = String.valueOf(item).trim();
      if (text.isEmpty()) {
        continue;
      }
      try {
        ids.add(UUID.fromString(text));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "ADMIN_USER_IDS must be a comma-separated list of user uuids, got: " + text);
      }
    }
    return new AccessConfig(ids);
  }
}
