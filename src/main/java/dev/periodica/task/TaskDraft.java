package dev.periodica.task;

import dev.periodica.common.Ids;
import dev.periodica.run.MisfirePolicy;
import dev.periodica.run.OverlapPolicy;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The fields of a task a caller sets: when ({@code interval}, a validated schedule read in {@code
 * timezone}, inside the optional window {@code startAt}/{@code stopAt}, limited by {@code
 * calendar}, a name or a {@code JsonObject}, null for none), where ({@code instance}, the nil uuid
 * for any; {@code placement} among the live instances), what ({@code job} with {@code params}, and
 * the report when the job needs one) and how runs behave.
 *
 * <p>Drafts are built by name from {@link #defaults()} or changed from an existing draft with
 * {@link #toBuilder()}, so the native parser, the facades and the repository all start from the
 * same defaults and a new field cannot be passed in the wrong position.
 */
public final class TaskDraft {
  public static final String DEFAULT_JOB = "report.generate";
  public static final String DEFAULT_TIMEZONE = "UTC";
  public static final int DEFAULT_MAX_ATTEMPTS = 3;
  public static final int DEFAULT_TIMEOUT_SECONDS = 3600;
  public static final int MAX_ATTEMPTS_LIMIT = 100;
  public static final int MAX_TIMEOUT_SECONDS = 604_800;

  private final String interval;
  private final UUID instance;
  private final UUID reportId;
  private final String job;
  private final JsonObject params;
  private final String timezone;
  private final boolean enabled;
  private final OffsetDateTime startAt;
  private final OffsetDateTime stopAt;
  private final OverlapPolicy overlap;
  private final MisfirePolicy misfire;
  private final int maxAttempts;
  private final int timeoutSeconds;
  private final TaskPlacement placement;
  private final Object calendar;
  private final String name;
  private final TaskOrigin origin;
  private final JsonObject attributes;

  private TaskDraft(Builder builder) {
    interval = builder.interval;
    instance = builder.instance;
    reportId = builder.reportId;
    job = builder.job;
    params = builder.params;
    timezone = builder.timezone;
    enabled = builder.enabled;
    startAt = builder.startAt;
    stopAt = builder.stopAt;
    overlap = builder.overlap;
    misfire = builder.misfire;
    maxAttempts = builder.maxAttempts;
    timeoutSeconds = builder.timeoutSeconds;
    placement = builder.placement;
    calendar = builder.calendar;
    name = builder.name;
    origin = builder.origin;
    attributes = builder.attributes;
  }

  /**
   * A {@code report.generate} task on any instance, enabled, in UTC, skipping overlaps, firing a
   * missed time once, 3 attempts of at most an hour, no window and no calendar; the interval and
   * (for report jobs) the report are left for the caller.
   */
  public static Builder defaults() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  public String interval() {
    return interval;
  }

  public UUID instance() {
    return instance;
  }

  public UUID reportId() {
    return reportId;
  }

  public String job() {
    return job;
  }

  public JsonObject params() {
    return params;
  }

  public String timezone() {
    return timezone;
  }

  public boolean enabled() {
    return enabled;
  }

  public OffsetDateTime startAt() {
    return startAt;
  }

  public OffsetDateTime stopAt() {
    return stopAt;
  }

  public OverlapPolicy overlap() {
    return overlap;
  }

  public MisfirePolicy misfire() {
    return misfire;
  }

  public int maxAttempts() {
    return maxAttempts;
  }

  public int timeoutSeconds() {
    return timeoutSeconds;
  }

  public TaskPlacement placement() {
    return placement;
  }

  public Object calendar() {
    return calendar;
  }

  /** The task's own name, or null. */
  public String name() {
    return name;
  }

  /** The interface that created the task; set once, a change of the task keeps it. */
  public TaskOrigin origin() {
    return origin;
  }

  /** What only the creating facade reads (its system's own fields), opaque to the core. */
  public JsonObject attributes() {
    return attributes;
  }

  /** Sets fields by name over the defaults or over an existing draft. */
  public static final class Builder {
    private String interval;
    private UUID instance = Ids.ANY_INSTANCE;
    private UUID reportId;
    private String job = DEFAULT_JOB;
    private JsonObject params = new JsonObject();
    private String timezone = DEFAULT_TIMEZONE;
    private boolean enabled = true;
    private OffsetDateTime startAt;
    private OffsetDateTime stopAt;
    private OverlapPolicy overlap = OverlapPolicy.SKIP;
    private MisfirePolicy misfire = MisfirePolicy.ONCE;
    private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
    private int timeoutSeconds = DEFAULT_TIMEOUT_SECONDS;
    private TaskPlacement placement = TaskPlacement.ANY;
    private Object calendar;
    private String name;
    private TaskOrigin origin = TaskOrigin.API;
    private JsonObject attributes = new JsonObject();

    private Builder() {}

    private Builder(TaskDraft draft) {
      interval = draft.interval;
      instance = draft.instance;
      reportId = draft.reportId;
      job = draft.job;
      params = draft.params;
      timezone = draft.timezone;
      enabled = draft.enabled;
      startAt = draft.startAt;
      stopAt = draft.stopAt;
      overlap = draft.overlap;
      misfire = draft.misfire;
      maxAttempts = draft.maxAttempts;
      timeoutSeconds = draft.timeoutSeconds;
      placement = draft.placement;
      calendar = draft.calendar;
      name = draft.name;
      origin = draft.origin;
      attributes = draft.attributes;
    }

    public Builder interval(String value) {
      interval = value;
      return this;
    }

    /** The pinned instance, {@link Ids#ANY_INSTANCE} (the default) for any. */
    public Builder instance(UUID value) {
      instance = value;
      return this;
    }

    public Builder reportId(UUID value) {
      reportId = value;
      return this;
    }

    public Builder job(String value) {
      job = value;
      return this;
    }

    public Builder params(JsonObject value) {
      params = value;
      return this;
    }

    public Builder timezone(String value) {
      timezone = value;
      return this;
    }

    public Builder enabled(boolean value) {
      enabled = value;
      return this;
    }

    public Builder startAt(OffsetDateTime value) {
      startAt = value;
      return this;
    }

    public Builder stopAt(OffsetDateTime value) {
      stopAt = value;
      return this;
    }

    public Builder overlap(OverlapPolicy value) {
      overlap = value;
      return this;
    }

    public Builder misfire(MisfirePolicy value) {
      misfire = value;
      return this;
    }

    public Builder maxAttempts(int value) {
      maxAttempts = value;
      return this;
    }

    public Builder timeoutSeconds(int value) {
      timeoutSeconds = value;
      return this;
    }

    public Builder placement(TaskPlacement value) {
      placement = value;
      return this;
    }

    /** A calendar name, a {@code JsonObject} of periods and excluded dates, or null for none. */
    public Builder calendar(Object value) {
      calendar = value;
      return this;
    }

    public Builder name(String value) {
      name = value;
      return this;
    }

    public Builder origin(TaskOrigin value) {
      origin = value;
      return this;
    }

    public Builder attributes(JsonObject value) {
      attributes = value;
      return this;
    }

    public TaskDraft build() {
      return new TaskDraft(this);
    }
  }
}
