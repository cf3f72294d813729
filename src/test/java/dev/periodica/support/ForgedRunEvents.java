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

  /**
   * A run of {@code task} written as {@code status} at {@code progress}, in {@code attempt}, last
   * changed at {@code updatedAt}, without an event (the runs' triggers do not fire for it: no late
   * notification of it can reach a subscriber); in action, it is {@code instance}'s for the next
   * hour, so no housekeeping changes it meanwhile.
   */
  public static long heldRun(
      String schema,
      String task,
      String report,
      UUID instance,
      String status,
      int progress,
      int attempt,
      java.time.OffsetDateTime updatedAt) {
    String insert =
        """
        INSERT INTO runs (task_id, report_id, status, progress, trigger, scheduled_for,
                          pinned_instance, instance_id, lease_until, not_before, attempt,
                          created_at, started_at, ended_at, updated_at)
        VALUES ('%1$s', '%2$s', '%4$s', %5$d, 'manual', clock_timestamp(), '%3$s',
                CASE WHEN '%4$s' = 'in_action' THEN '%3$s'::uuid END,
                CASE WHEN '%4$s' = 'in_action' THEN now() + interval '1 hour' END,
                now() + interval '1 hour', %6$d, '%7$s', '%7$s',
                CASE WHEN '%4$s' IN ('complete', 'error', 'cancel', 'cancel_too_long')
                     THEN '%7$s'::timestamptz END, '%7$s')
        RETURNING id
        """
            .formatted(task, report, instance, status, progress, attempt, updatedAt);
    try (java.sql.Connection connection = TestDatabase.connect();
        java.sql.Statement statement = connection.createStatement()) {
      connection.setAutoCommit(false);
      statement.execute("SET LOCAL search_path TO " + schema);
      statement.execute("SET LOCAL session_replication_role = replica");
      long id;
      try (java.sql.ResultSet rows = statement.executeQuery(insert)) {
        rows.next();
        id = rows.getLong(1);
      }
      connection.commit();
      return id;
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Announces that {@code run} is {@code status} at {@code progress} in {@code attempt}, changed at
   * {@code updatedAt}, as the runs' trigger would (one event in one notification), whatever its row
   * says: an event late, early or out of order.
   */
  public static void event(
      String schema,
      long run,
      String task,
      String report,
      String status,
      int progress,
      int attempt,
      java.time.OffsetDateTime updatedAt) {
    TestDatabase.count(
        schema,
        """
        SELECT count(pg_notify('periodica_run_events', json_build_array(json_build_object(
                 'id', %d, 'task_id', '%s', 'report_id', '%s', 'status', '%s',
                 'progress', %d, 'trigger', 'manual', 'attempt', %d,
                 'updated_at', '%s'::timestamptz))::text))
        """
            .formatted(run, task, report, status, progress, attempt, updatedAt));
  }
}
