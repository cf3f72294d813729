package dev.periodica.support;

import java.util.UUID;

/**
 * Runs and run events made by hand in a test's schema, for live-progress tests that need a run in a
 * known state or an event the runs' statements would not send at that moment.
 */
public final class ForgedRunEvents {
  private ForgedRunEvents() {}

  /** A run of {@code task} that stays new: no worker may take it within the next hour. */
  public static long heldNewRun(String schema, String task, String report, UUID instance) {
    return TestDatabase.count(
        schema,
        """
        INSERT INTO runs (task_id, report_id, status, trigger, scheduled_for, pinned_instance,
                          not_before, created_at, updated_at)
        VALUES ('%s', '%s', 'new', 'manual', now(), '%s', now() + interval '1 hour', now(), now())
        RETURNING id
        """
            .formatted(task, report, instance));
  }

  /**
   * Announces that {@code run} is in action at {@code progress}, as the runs' trigger would (one
   * event in one notification), whatever its row says.
   */
  public static void inAction(String schema, long run, String task, String report, int progress) {
    TestDatabase.count(
        schema,
        """
        SELECT count(pg_notify('periodica_run_events', json_build_array(json_build_object(
                 'id', %d, 'task_id', '%s', 'report_id', '%s', 'status', 'in_action',
                 'progress', %d, 'trigger', 'manual', 'attempt', 1))::text))
        """
            .formatted(run, task, report, progress));
  }
}
