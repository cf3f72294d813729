package dev.periodica.api.compat.era;

import dev.periodica.common.Invalid;
import dev.periodica.run.OverlapPolicy;
import dev.periodica.run.Placement;
import dev.periodica.run.ServiceJobs;
import dev.periodica.task.ReportTask;
import dev.periodica.task.TaskDraft;
import dev.periodica.task.TaskOrigin;
import dev.periodica.task.TaskPlacement;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A svctask entity of seed 003 and the ordinary task it is. Fields with a native equivalent live in
 * the task's columns: {@code isenabled} (enabled), {@code isregular} + {@code intervalsec} + {@code
 * dtstart}/{@code dtstop} (interval {@code @every Ns} inside the window, or a one-shot {@code @at}
 * at {@code dtstart} expiring at {@code dtstop}), {@code overlap} (allow/skip), {@code schedule} +
 * {@code periods} (calendar), {@code sitemode} + {@code sites} (placement: {@code all} is {@code
 * each}, over the listed sites when {@code sites} names any), {@code svcscriptcode} (job and params
 * through {@code SERVICE_JOBS}), {@code name}. What has none (the code, the sitemode and sites as
 * given, the periods as given, {@code opts}) is kept in the task's attributes, read by this facade
 * alone.
 */
final class EraTasks {
  static final List<String> ENTITY_FIELDS =
      List.of(
          "id",
          "name",
          "isenabled",
          "svcscriptcode",
          "sitemode",
          "sites",
          "isregular",
          "overlap",
          "intervalsec",
          "dtstart",
          "dtstop",
          "schedule",
          "periods",
          "opts",
          "ext",
          "timezone");
  static final List<String> SITEMODES = List.of("all", "any", "anysite", "firstsite");
  static final List<String> SCHEDULES = List.of("all", "work", "nowork", "custom");
  static final int MAX_INTERVAL_SECONDS = 366 * 86_400;
  static final int MAX_NAME = 200;
  static final int MAX_TEXT = 2000;
  static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");
  private static final Pattern EVERY = Pattern.compile("@every\\s+(\\d{1,9})\\s*([smhd])");
  private static final Pattern HHMM = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d|24:00");
  private static final List<String> DAYS = List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");
  private static final List<String> SCHEDULE_FIELDS =
      List.of("isregular", "intervalsec", "dtstart", "dtstop");

  private final ServiceJobs jobs;
  private final Clock clock;

  EraTasks(ServiceJobs jobs, Clock clock) {
    this.jobs = jobs;
    this.clock = clock;
  }

  /** The draft of a new task from a POST body: every field not given takes its default. */
  TaskDraft create(JsonObject body) {
    JsonObject entity =
        new JsonObject()
            .put("name", "")
            .put("isenabled", 1)
            .put("sitemode", "any")
            .put("sites", "")
            .put("isregular", 1)
            .put("overlap", 0)
            .put("intervalsec", 0)
            .put("schedule", "all")
            .put("periods", new JsonArray())
            .put("opts", new JsonObject().put("title", "").put("comment", ""))
            .mergeIn(body);
    return draft(entity, TaskDraft.defaults().origin(TaskOrigin.SERVICE).build(), true);
  }

  /**
   * The draft after a PATCH: the task's entity with the body's fields over it. The schedule is
   * derived again only when one of its fields changes, so a one-shot task that has run is not
   * planned a second time by an unrelated change.
   */
  TaskDraft patch(ReportTask task, JsonObject body) {
    JsonObject before = view(task);
    JsonObject entity = before.copy().mergeIn(body);
    if (entity.getValue("opts") instanceof JsonObject opts
        && before.getValue("opts") instanceof JsonObject old
        && body.containsKey("opts")) {
      entity.put("opts", old.copy().mergeIn(opts));
    }
    boolean reschedule =
        SCHEDULE_FIELDS.stream()
            .anyMatch(
                key -> body.containsKey(key) && !same(before.getValue(key), body.getValue(key)));
    return draft(entity, task.fields(), reschedule);
  }

  private static boolean same(Object before, Object after) {
    if (before instanceof Number a && after instanceof Number b) {
      return a.doubleValue() == b.doubleValue();
    }
    return Objects.equals(before, after);
  }

  private TaskDraft draft(JsonObject entity, TaskDraft base, boolean reschedule) {
    TaskDraft.Builder draft = base.toBuilder();
    JsonObject attributes = base.attributes() == null ? new JsonObject() : base.attributes().copy();

    Object name = entity.getValue("name");
    if (name != null && !(name instanceof String text && text.length() <= MAX_NAME)) {
      throw new Invalid(EraMessages.NAME_SHAPE);
    }
    draft.name((String) name);
    draft.enabled(intbool(entity, "isenabled"));
    draft.overlap(intbool(entity, "overlap") ? OverlapPolicy.ALLOW : OverlapPolicy.SKIP);
    if (entity.getValue("timezone") != null) {
      if (!(entity.getValue("timezone") instanceof String zone) || zone.length() > 100) {
        throw new Invalid(EraMessages.oneOf("timezone", List.of("an IANA time zone name")));
      }
      draft.timezone(zone);
    }

    if (!(entity.getValue("svcscriptcode") instanceof String code)
        || !CODE.matcher(code).matches()) {
      throw new Invalid(EraMessages.CODE_SHAPE);
    }
    ServiceJobs.ServiceJob job = jobs.resolve(code);
    draft.job(job.job()).params(job.params()).reportId(null);
    attributes.put("svcscriptcode", code);

    placement(entity, draft, attributes);
    calendar(entity, draft, attributes);
    opts(entity, attributes);
    if (reschedule) {
      schedule(entity, draft);
    } else {
      intbool(entity, "isregular");
    }
    return draft.attributes(attributes).build();
  }

  private void schedule(JsonObject entity, TaskDraft.Builder draft) {
    boolean regular = intbool(entity, "isregular");
    OffsetDateTime start = time(entity, "dtstart");
    OffsetDateTime stop = time(entity, "dtstop");
    draft.startAt(start).stopAt(stop);
    if (regular) {
      Object seconds = entity.getValue("intervalsec");
      long value =
          seconds instanceof Integer || seconds instanceof Long
              ? ((Number) seconds).longValue()
              : 0;
      if (value < 1 || value > MAX_INTERVAL_SECONDS) {
        throw new Invalid(String.format(EraMessages.INTERVAL_RANGE, MAX_INTERVAL_SECONDS));
      }
      draft.interval("@every " + value + "s");
      return;
    }
    if (start == null) {
      throw new Invalid(EraMessages.ONE_SHOT_START);
    }
    // a one-shot task whose time has passed while it has not expired runs as soon as it can
    Instant now = clock.instant().plusSeconds(1);
    Instant at = start.toInstant().isBefore(now) ? now : start.toInstant();
    if (stop != null && !at.isBefore(stop.toInstant())) {
      at = start.toInstant();
    }
    draft.interval("@at " + at);
  }

  private static void placement(JsonObject entity, TaskDraft.Builder draft, JsonObject attributes) {
    Object mode = entity.getValue("sitemode");
    if (!(mode instanceof String sitemode) || !SITEMODES.contains(sitemode)) {
      throw new Invalid(EraMessages.oneOf("sitemode", SITEMODES));
    }
    Object given = entity.getValue("sites");
    List<String> sites = sites(given);
    Placement placement =
        switch (sitemode) {
          case "all" -> Placement.EACH;
          case "anysite" -> Placement.ONE_OF;
          case "firstsite" -> Placement.FIRST;
          default -> Placement.ANY;
        };
    if (placement.usesList() && sites.isEmpty()) {
      throw new Invalid(EraMessages.SITES_NEEDED + sitemode);
    }
    // all with sites is each over the listed sites; all without, each over every live instance
    if (!placement.acceptsList() && !sites.isEmpty()) {
      throw new Invalid(EraMessages.SITES_UNUSED + sitemode);
    }
    draft
        .instance(dev.periodica.common.Ids.ANY_INSTANCE)
        .placement(TaskPlacement.of(placement, sites, dev.periodica.common.Ids.ANY_INSTANCE));
    attributes.put("sitemode", sitemode).put("sites", given == null ? "" : given);
  }

  static List<String> sites(Object given) {
    List<String> sites = new ArrayList<>();
    if (given == null) {
      return sites;
    }
    if (given instanceof String text) {
      if (text.length() > TaskPlacement.MAX_INSTANCES * (TaskPlacement.MAX_NAME + 2)) {
        throw new Invalid(EraMessages.SITES_SHAPE);
      }
      for (String part : text.split(",", -1)) {
        if (!part.isBlank()) {
          sites.add(part.strip());
        }
      }
      return sites;
    }
    if (given instanceof JsonArray list) {
      for (Object item : list) {
        if (!(item instanceof String text) || text.isBlank()) {
          throw new Invalid(EraMessages.SITES_SHAPE);
        }
        sites.add(text.strip());
      }
      return sites;
    }
    throw new Invalid(EraMessages.SITES_SHAPE);
  }

  private static void calendar(JsonObject entity, TaskDraft.Builder draft, JsonObject attributes) {
    Object value = entity.getValue("schedule");
    if (!(value instanceof String schedule) || !SCHEDULES.contains(schedule)) {
      throw new Invalid(EraMessages.oneOf("schedule", SCHEDULES));
    }
    Object given = entity.getValue("periods");
    if (given != null && !(given instanceof JsonArray)) {
      throw new Invalid(String.format(EraMessages.PERIOD_SHAPE, 0));
    }
    JsonArray periods = given == null ? new JsonArray() : (JsonArray) given;
    if (!schedule.equals("custom")) {
      if (!periods.isEmpty()) {
        throw new Invalid(EraMessages.PERIODS_UNUSED);
      }
      draft.calendar(schedule.equals("all") ? null : schedule);
      attributes.remove("periods");
      return;
    }
    if (periods.isEmpty()) {
      throw new Invalid(EraMessages.PERIODS_NEEDED);
    }
    JsonArray nativePeriods = new JsonArray();
    for (int i = 0; i < periods.size(); i++) {
      nativePeriods.add(period(periods.getValue(i), i));
    }
    draft.calendar(
        new JsonObject().put("periods", nativePeriods).put("exclude_dates", new JsonArray()));
    attributes.put("periods", periods.copy());
  }

  /** {@code {"weekday": 1, "from": "09:00", "to": "18:00"}} as a native calendar period. */
  private static JsonObject period(Object value, int index) {
    String rule = String.format(EraMessages.PERIOD_SHAPE, index);
    if (!(value instanceof JsonObject period)
        || period.size() != 3
        || !(period.getValue("from") instanceof String from)
        || !(period.getValue("to") instanceof String to)
        || !HHMM.matcher(from).matches()
        || !HHMM.matcher(to).matches()) {
      throw new Invalid(rule);
    }
    Object weekday = period.getValue("weekday");
    String day;
    if (weekday instanceof Integer number && number >= 1 && number <= 7) {
      day = DAYS.get(number - 1);
    } else if (weekday instanceof String text && DAYS.contains(text.toUpperCase(Locale.ROOT))) {
      day = text.toUpperCase(Locale.ROOT);
    } else {
      throw new Invalid(rule);
    }
    return new JsonObject().put("days", day).put("from", from).put("to", to);
  }

  private static void opts(JsonObject entity, JsonObject attributes) {
    Object value = entity.getValue("opts");
    JsonObject opts = new JsonObject().put("title", "").put("comment", "");
    if (value != null) {
      if (!(value instanceof JsonObject given)) {
        throw new Invalid(EraMessages.OPTS_SHAPE);
      }
      for (Map.Entry<String, Object> entry : given) {
        if (!List.of("title", "comment").contains(entry.getKey())
            || !(entry.getValue() instanceof String text)
            || text.length() > MAX_TEXT) {
          throw new Invalid(EraMessages.OPTS_SHAPE);
        }
        opts.put(entry.getKey(), text);
      }
    }
    attributes.put("opts", opts);
  }

  static boolean intbool(JsonObject entity, String field) {
    Object value = entity.getValue(field);
    if (value instanceof Integer number && (number == 0 || number == 1)) {
      return number == 1;
    }
    if (value instanceof Long number && (number == 0 || number == 1)) {
      return number == 1;
    }
    throw new Invalid(field + EraMessages.INTBOOL);
  }

  static OffsetDateTime time(JsonObject entity, String field) {
    Object value = entity.getValue(field);
    if (value == null) {
      return null;
    }
    if (value instanceof String text && text.length() <= 40) {
      try {
        OffsetDateTime time = OffsetDateTime.parse(text);
        if (dev.periodica.common.Timestamps.inRange(time.toInstant())) {
          return time.withOffsetSameInstant(ZoneOffset.UTC);
        }
      } catch (DateTimeParseException e) {
        // answered below
      }
    }
    throw new Invalid(field + EraMessages.TIME_SHAPE);
  }

  /** The whole svctask entity of a task. */
  static JsonObject view(ReportTask task) {
    TaskDraft fields = task.fields();
    JsonObject attributes = fields.attributes() == null ? new JsonObject() : fields.attributes();
    String interval = fields.interval();
    boolean regular = !interval.toLowerCase(Locale.ROOT).startsWith("@at");
    String schedule =
        fields.calendar() == null
            ? "all"
            : fields.calendar() instanceof String name ? name : "custom";
    JsonObject opts =
        attributes.getValue("opts") instanceof JsonObject given
            ? given.copy()
            : new JsonObject().put("title", "").put("comment", "");
    return new JsonObject()
        .put("id", task.id().toString())
        .put("name", fields.name() == null ? "" : fields.name())
        .put("isenabled", fields.enabled() ? 1 : 0)
        .put("svcscriptcode", attributes.getValue("svcscriptcode", fields.job()))
        .put("sitemode", attributes.getValue("sitemode", sitemode(fields.placement())))
        .put(
            "sites",
            attributes.getValue("sites", String.join(", ", fields.placement().instances())))
        .put("isregular", regular ? 1 : 0)
        .put("overlap", fields.overlap() == OverlapPolicy.ALLOW ? 1 : 0)
        .put("intervalsec", intervalSeconds(interval))
        .put("dtstart", format(fields.startAt()))
        .put("dtstop", format(fields.stopAt()))
        .put("schedule", schedule)
        .put(
            "periods",
            schedule.equals("custom") && attributes.getValue("periods") instanceof JsonArray given
                ? given.copy()
                : new JsonArray())
        .put("opts", opts)
        .put(
            "ext",
            new JsonObject()
                .put("ct", format(task.createdAt()))
                .put("lwt", format(task.updatedAt())));
  }

  private static String sitemode(TaskPlacement placement) {
    return switch (placement.placement()) {
      case EACH -> "all";
      case ONE_OF -> "anysite";
      case FIRST -> "firstsite";
      case ANY -> "any";
    };
  }

  /** The seconds of a fixed interval, 0 for a one-shot or a cron schedule. */
  static long intervalSeconds(String interval) {
    Matcher every = EVERY.matcher(interval.trim().toLowerCase(Locale.ROOT));
    if (!every.matches()) {
      return 0;
    }
    long count = Long.parseLong(every.group(1));
    return switch (every.group(2)) {
      case "s" -> count;
      case "m" -> count * 60;
      case "h" -> count * 3600;
      default -> count * 86_400;
    };
  }

  /** UTC, with the fraction of a second only as long as it needs to be (as the seed writes it). */
  static String format(OffsetDateTime time) {
    if (time == null) {
      return null;
    }
    String text = time.toInstant().toString();
    return text.contains(".") ? text.replaceAll("0+Z$", "Z").replace(".Z", "Z") : text;
  }
}
