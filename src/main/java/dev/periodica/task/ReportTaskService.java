package dev.periodica.task;

import dev.periodica.access.Caller;
import dev.periodica.access.ResourceService;
import dev.periodica.common.Forbidden;
import dev.periodica.common.Invalid;
import dev.periodica.common.Messages;
import dev.periodica.common.Page;
import dev.periodica.common.PageRequest;
import dev.periodica.run.JobCatalog;
import dev.periodica.run.JobKind;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Tasks: a job kind of the registry with params it accepts, a schedule the engine accepts and an
 * IANA time zone, and the report the kind needs, one the caller sees (creating a task makes it its
 * report's {@code task}). The job and params are checked when a task is saved, so a task whose runs
 * could only fail is refused at once.
 */
public final class ReportTaskService extends ResourceService<ReportTask, TaskDraft> {
  public static final String THING = "task";
  private final ReportTaskRepository tasks;
  private final TaskReports reports;
  private final TaskPlanner planner;
  private final JobCatalog jobs;

  public ReportTaskService(
      ReportTaskRepository tasks,
      TaskReports reports,
      TaskPlanner planner,
      JobCatalog jobs,
      Clock clock) {
    super(tasks, clock, THING);
    this.tasks = tasks;
    this.reports = reports;
    this.planner = planner;
    this.jobs = jobs;
  }

  /**
   * Generates a report now for the caller: a one-shot {@code report.generate} task of origin {@code
   * user_request} (JSON:API's {@code user_task}) at this moment, stored as fired, and its run, due
   * at once, in one transaction. The report must be one the caller may attach tasks to, the params
   * ones the job accepts; anything refused writes nothing.
   */
  public Future<GeneratedTask> generate(
      Caller caller, UUID reportId, io.vertx.core.json.JsonObject params, String name) {
    java.time.OffsetDateTime now = now();
    TaskDraft draft =
        TaskDraft.defaults()
            .interval("@at " + now.toInstant())
            .reportId(reportId)
            .job(TaskDraft.DEFAULT_JOB)
            .params(params)
            .name(name)
            .origin(TaskOrigin.USER_REQUEST)
            .build();
    UUID id = UUID.randomUUID();
    return checkReferences(caller, id, draft, null)
        .compose(ok -> tasks.insertFired(caller, id, draft, now));
  }

  @Override
  public Future<ReportTask> create(Caller caller, TaskDraft draft) {
    return create(caller, UUID.randomUUID(), draft);
  }

  /**
   * Creates a task under the id the caller gives (a facade whose system names its tasks); an id
   * already taken answers {@link dev.periodica.common.Conflict}.
   */
  public Future<ReportTask> create(Caller caller, UUID id, TaskDraft draft) {
    try {
      requireFireTime(draft);
    } catch (Invalid e) {
      return Future.failedFuture(e);
    }
    return createWithId(caller, id, draft);
  }

  /**
   * As {@link #create(Caller, TaskDraft)}, with the task's report looked up through {@code
   * reportsOfThisRequest} instead of this service's own (a caller that keeps what it read there, to
   * answer with the report without reading it again).
   */
  public Future<ReportTask> create(
      Caller caller, TaskDraft draft, TaskReports reportsOfThisRequest) {
    UUID id = UUID.randomUUID();
    // the first fire the check steps is the one stored: a create steps its schedule once
    OffsetDateTime now = now();
    Optional<Instant> firstFire;
    try {
      firstFire = requireFireTime(draft, now.toInstant());
    } catch (Invalid e) {
      return Future.failedFuture(e);
    }
    return checkReferences(caller, draft, null, reportsOfThisRequest)
        .compose(ok -> tasks.insert(caller, id, draft, now, firstFire));
  }

  /** The visible tasks of one origin that match {@code query}, in one statement. */
  public Future<java.util.List<ReportTask>> query(Caller caller, TaskQuery query) {
    return tasks.query(caller, query);
  }

  @Override
  protected void checkChange(Caller caller, ReportTask current, TaskDraft draft) {
    if (!Objects.equals(current.fields().reportId(), draft.reportId())) {
      throw new Invalid(Messages.TASK_REPORT_IMMUTABLE);
    }
    TaskDraft before = current.fields();
    boolean rescheduled =
        !before.interval().equals(draft.interval())
            || !before.timezone().equals(draft.timezone())
            || !java.util.Objects.equals(before.startAt(), draft.startAt())
            || !java.util.Objects.equals(before.stopAt(), draft.stopAt())
            || !java.util.Objects.equals(before.calendar(), draft.calendar());
    if (rescheduled) {
      requireFireTime(draft);
    }
  }

  /** The task's owner, and the owner of its report, who answers for every task on it. */
  @Override
  protected Future<Void> checkMayDelete(Caller caller, ReportTask current) {
    if (current.ownerId().equals(caller.userId())) {
      return Future.succeededFuture();
    }
    if (current.fields().reportId() == null) {
      return Future.failedFuture(new Forbidden(Messages.OWNER_ONLY_DELETE));
    }
    return reports
        .visible(caller, current.fields().reportId())
        .compose(
            report ->
                report.ownerId().equals(caller.userId())
                    ? Future.<Void>succeededFuture()
                    : Future.failedFuture(
                        new Forbidden(Messages.TASK_OWNER_OR_REPORT_OWNER_DELETE)));
  }

  /** A schedule that can never fire again is a mistake the caller should hear about. */
  private void requireFireTime(TaskDraft draft) {
    requireFireTime(draft, clock().instant());
  }

  /** {@link #requireFireTime(TaskDraft)} at {@code now}: the first fire time it stepped. */
  private Optional<Instant> requireFireTime(TaskDraft draft, Instant now) {
    checkSchedule(draft);
    Optional<Instant> firstFire = planner.firstFire(draft, now);
    if (firstFire.isEmpty() && !expiredServiceTask(draft)) {
      throw new Invalid(Messages.SCHEDULE_NEVER_FIRES);
    }
    return firstFire;
  }

  /**
   * A service task (seed 003) whose window has ended is expired, and its system keeps expired tasks
   * on file: it is stored and never fires. Every other task that can never fire is a mistake.
   */
  private boolean expiredServiceTask(TaskDraft draft) {
    return draft.origin() == TaskOrigin.SERVICE
        && draft.stopAt() != null
        && !draft.stopAt().toInstant().isAfter(clock().instant());
  }

  /** The interval, time zone and window must read, whether or not the task is rescheduled. */
  private void checkSchedule(TaskDraft draft) {
    planner.check(draft.interval());
    planner.checkCalendar(draft.calendar());
    try {
      ZoneId.of(draft.timezone());
    } catch (DateTimeException e) {
      throw new Invalid(Messages.INVALID_TIMEZONE);
    }
    if (draft.startAt() != null
        && draft.stopAt() != null
        && !draft.startAt().isBefore(draft.stopAt())) {
      throw new Invalid(Messages.WINDOW_ORDER);
    }
  }

  @Override
  protected Future<Void> checkReferences(
      Caller caller, UUID id, TaskDraft draft, TaskDraft before) {
    return checkReferences(caller, draft, before, reports);
  }

  /** The checks of every save, the report looked up through {@code reports}. */
  private Future<Void> checkReferences(
      Caller caller, TaskDraft draft, TaskDraft before, TaskReports reports) {
    Future<Void> job;
    try {
      checkSchedule(draft);
      job = checkJob(caller, draft, before);
    } catch (Invalid | Forbidden e) {
      return Future.failedFuture(e);
    }
    return job.compose(ok -> checkReport(caller, draft, before, reports));
  }

  /**
   * The job must be a registered kind, its params must be ones it accepts, and the report it needs
   * must be named; on update only when the job or params change, so a task saved under older rules
   * can still be paused or rescheduled.
   */
  private Future<Void> checkJob(Caller caller, TaskDraft draft, TaskDraft before) {
    if (before != null
        && before.job().equals(draft.job())
        && before.params().equals(draft.params())
        && Objects.equals(before.reportId(), draft.reportId())) {
      return Future.succeededFuture();
    }
    JobKind kind = jobs.require(draft.job());
    if (kind.needsReport() && draft.reportId() == null) {
      throw new Invalid(Messages.MISSING_REPORT_ID);
    }
    if (kind.administratorsOnly() && !caller.admin()) {
      throw new Forbidden(String.format(Messages.ADMIN_ONLY_JOB, kind.name()));
    }
    if (kind.administratorsOnly() && draft.reportId() != null) {
      // on a report, everyone it is shared with would run and reschedule it
      throw new Invalid(String.format(Messages.ADMIN_ONLY_JOB_NO_REPORT, kind.name()));
    }
    try {
      return kind.checkParams(draft.params());
    } catch (Invalid e) {
      return Future.failedFuture(e);
    }
  }

  private static Future<Void> checkReport(
      Caller caller, TaskDraft draft, TaskDraft before, TaskReports reports) {
    if (before != null || draft.reportId() == null) {
      // the report cannot change, and a task is visible only while its report is
      return Future.succeededFuture();
    }
    return reports
        .visible(caller, draft.reportId())
        .compose(
            report ->
                report.system()
                    ? Future.failedFuture(new Forbidden(Messages.SYSTEM_REPORT_READ_ONLY))
                    : Future.<Void>succeededFuture());
  }

  /** The task whose stable numeric id is {@code number}; {@code task not found} if hidden. */
  public Future<ReportTask> getByNumber(Caller caller, long number) {
    return tasks
        .findVisibleByNumber(caller, number)
        .map(
            found ->
                found.orElseThrow(
                    () -> new dev.periodica.common.NotFound(Messages.notFound(THING))));
  }

  /** The bk-sops facade's tasks of one business the caller sees, newest first. */
  public Future<java.util.List<ReportTask>> listSops(
      Caller caller, String bizId, int limit, int offset) {
    return tasks.listSops(caller, bizId, limit, offset);
  }

  /** A page of the visible tasks a facade created, by name prefix (see the repository). */
  public Future<Page<ReportTask>> listOfOrigin(Caller caller, TaskOrigin origin, PageRequest page) {
    return tasks.listOfOrigin(caller, origin, page);
  }

  /** The visible tasks of {@code origin} among {@code ids}; hidden and missing ones left out. */
  public Future<List<ReportTask>> findOfOrigin(
      Caller caller, TaskOrigin origin, Collection<UUID> ids) {
    return ids.isEmpty()
        ? Future.succeededFuture(List.of())
        : tasks.findOfOrigin(caller, origin, ids);
  }
}
