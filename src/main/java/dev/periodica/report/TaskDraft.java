package dev.periodica.report;

import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * The fields of a report task a caller sets: when ({@code interval}, a validated schedule), where
 * ({@code instance}, the nil uuid for any) and what ({@code job} with {@code params}).
 */
public record TaskDraft(
    String interval,
    UUID instance,
    UUID reportId,
    String job,
    JsonObject params,
    String timezone,
    boolean enabled) {
  public static final String DEFAULT_JOB = "report.generate";
  public static final String DEFAULT_TIMEZONE = "UTC";
}
