package dev.periodica.access;

import java.util.UUID;

/**
 * Who sends a request: the user named by the {@code Pgr-User-Id} header, and whether the deployment
 * lists them among its administrators ({@code ADMIN_USER_IDS}).
 */
public record Caller(UUID userId, boolean admin) {
  public Caller(UUID userId) {
    this(userId, false);
  }
}
