package dev.periodica.task;

import dev.periodica.access.Caller;
import dev.periodica.access.ResourceService;
import dev.periodica.common.Forbidden;
import dev.periodica.common.Invalid;
import dev.periodica.common.Messages;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.UUID;

/**
 * Report tasks: attached to a report the caller sees, with a schedule the engine accepts and an
 * IANA time zone. Creating one makes it its report's {@code task}.
 */
public final class ReportTaskService extends ResourceService<ReportTask, TaskDraft> {
  public static final String THING = "task";
  private final TaskReports reports;
  private final TaskPlanner planner;

  public ReportTaskService(
      ReportTaskRepository tasks, TaskReports reports, TaskPlanner planner, Clock clock) {
    super(tasks, clock, THING);
    this.reports = reports;
    this.planner = planner;
  }

  @Override
  public Future<ReportTask> create(Caller caller, TaskDraft draft) {
    try {
      requireFireTime(draft);
    } catch (Invalid e) {
      return Future.failedFuture(e);
    }
    return super.create(caller, draft);
  }

  @Override
  protected void checkChange(Caller caller, ReportTask current, TaskDraft draft) {
    if (!current.fields().reportId().equals(draft.reportId())) {
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
    checkSchedule(draft);
    if (planner.firstFire(draft, clock().instant()).isEmpty()) {
      throw new Invalid(Messages.SCHEDULE_NEVER_FIRES);
    }
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
    try {
      checkSchedule(draft);
    } catch (Invalid e) {
      return Future.failedFuture(e);
    }
    if (before != null) {
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
}
