package dev.periodica.task;

import dev.periodica.run.MisfirePolicy;
import dev.periodica.run.OverlapPolicy;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The fields of a report task a caller sets: when ({@code interval}, a validated schedule read in
 * {@code timezone}, inside the optional window {@code startAt}/{@code stopAt}), where ({@code
 * instance}, the nil uuid for any; {@code placement} among the live instances), what ({@code job}
 * with {@code params}), and how runs behave; {@code calendar} (a name or a {@code JsonObject}, null
 * for none) limits when it may fire.
 */
public record TaskDraft(
    String interval,
    UUID instance,
    UUID reportId,
    String job,
    JsonObject params,
    String timezone,
    boolean enabled,
    OffsetDateTime startAt,
    OffsetDateTime stopAt,
    OverlapPolicy overlap,
    MisfirePolicy misfire,
    int maxAttempts,
    int timeoutSeconds,
    TaskPlacement placement,
    Object calendar) {
  public static final String DEFAULT_JOB = "report.generate";
  public static final String DEFAULT_TIMEZONE = "UTC";
  public static final int DEFAULT_MAX_ATTEMPTS = 3;
  public static final int DEFAULT_TIMEOUT_SECONDS = 3600;
  public static final int MAX_ATTEMPTS_LIMIT = 100;
  public static final int MAX_TIMEOUT_SECONDS = 604_800;
}
