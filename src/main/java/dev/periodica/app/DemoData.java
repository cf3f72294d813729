package dev.periodica.app;

import dev.periodica.config.DatabaseUrl;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seeds the embedded default, once, with a realistic dataset (100,000 events over 30 days) and a
 * demo report on it owned by the demo user, so a newcomer can create a task and download a file
 * within a minute. Never runs against a configured database.
 */
final class DemoData {
  static final String DEMO_USER = "d3e0d3e0-0000-4000-8000-000000000001";
  static final String DEMO_REPORT = "d3e0d3e0-0000-4000-8000-000000000002";
  private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);
  private static final String EXISTS =
      "SELECT count(*) FROM information_schema.schemata WHERE schema_name = '%s'";
  private static final String DATASET =
      """
      CREATE SCHEMA %1$s;
      CREATE TABLE %1$s.events (
        time timestamptz NOT NULL, category text NOT NULL, severity integer NOT NULL,
        host text NOT NULL, value numeric NOT NULL);
      INSERT INTO %1$s.events
      SELECT now() - i * interval '25 seconds',
             (ARRAY['auth', 'billing', 'search', 'storage', 'network'])[1 + i %% 5],
             1 + (i * 7) %% 5,
             'host-' || lpad(((i * 13) %% 20)::text, 2, '0'),
             round((((i * 37) %% 1000) / 10.0)::numeric, 1)
      FROM generate_series(1, 100000) AS i;
      CREATE INDEX events_time_idx ON %1$s.events (time);
      """;
  private static final String REPORT =
      """
      INSERT INTO %1$s.users (id, username, created_at, updated_at)
      VALUES ('%2$s', 'demo', now(), now()) ON CONFLICT DO NOTHING;
      INSERT INTO %1$s.reports (id, owner_id, name, config, settings, created_at, updated_at)
      VALUES ('%3$s', '%2$s', 'Operations weekly', '%4$s'::jsonb, '%5$s'::jsonb, now(), now())
      ON CONFLICT DO NOTHING;
      """;
  private static final String PAGES =
      """
      {"pages": [
        [{"widget": {"name": "About", "settings": {"kind": "text", "base": {"showHeading": false},
          "settings": {"text": "Operations weekly: what the fleet logged over the last seven days, by category, hour and host. Built by periodica from the demo dataset events."}}}},
         {"widget": {"name": "Events by category", "settings": {"kind": "histogram",
           "base": {"description": "Every event of the period, by category."}}, "series": [{"name": "events",
          "query": {"dataset": "events", "fields": [{"field": "category"},
            {"alias": "events", "aggregation": {"func": "count"}}],
            "order_by": [{"field": "events", "direction": "desc"}]}}]}}],
        [{"widget": {"name": "Events per hour, last day",
          "settings": {"kind": "line", "settings": {"showDots": false, "lineStyle": "smooth"}}, "series": [{"name": "per hour",
          "period": ["now-1d", "now"],
          "query": {"dataset": "events", "interval": "1h",
            "fields": [{"alias": "events", "aggregation": {"func": "count"}}]}}]}}],
        [{"widget": {"name": "Busiest hosts", "series": [{"name": "value by host",
          "query": {"dataset": "events", "fields": [{"field": "host"},
            {"alias": "total", "aggregation": {"func": "sum"}, "field": "value"}],
            "filters": [{"field": "severity", "operator": "gte", "value": 3}],
            "order_by": [{"field": "total", "direction": "desc"}], "limit": 10}}]}},
         {"widget": {"name": "Events by severity (raw SQL)", "settings": {"kind": "pie",
           "legend": {"show": true, "placement": "right"}}, "series": [{"name": "by severity",
          "sql": "SELECT severity::text AS severity, count(*) AS events FROM events WHERE time >= ${period_start} AND time < ${period_end} GROUP BY severity ORDER BY severity"}]}}]
      ]}
      """;
  private static final String SETTINGS =
      """
      {"general": {"period": ["now-7d", "now"], "name_mask": "operations-{date}"},
       "style": {"font": "OpenSans-Regular"},
       "header": {"show": true, "text": "periodica demo", "text_align": "right", "color": "#1f4e79"},
       "footer": {"show": true, "show_date": true, "show_page_number": true}}
      """;

  private DemoData() {}

  static void seedOnce(DatabaseUrl url, String appSchema, String datasetsSchema) {
    try (Connection connection =
            DriverManager.getConnection(
                url.jdbcUrl(), url.user(), url.password() == null ? "" : url.password());
        Statement statement = connection.createStatement()) {
      try (ResultSet rows = statement.executeQuery(EXISTS.formatted(datasetsSchema))) {
        rows.next();
        if (rows.getLong(1) > 0) {
          return;
        }
      }
      connection.setAutoCommit(false);
      statement.execute(DATASET.formatted(datasetsSchema));
      statement.execute(
          REPORT.formatted(appSchema, DEMO_USER, DEMO_REPORT, PAGES.strip(), SETTINGS.strip()));
      connection.commit();
      LOG.info(
          "demo data seeded: dataset {}.events and report {} of user {}",
          datasetsSchema,
          DEMO_REPORT,
          DEMO_USER);
    } catch (SQLException e) {
      LOG.warn("demo data could not be seeded; the server runs without it", e);
    }
  }
}
