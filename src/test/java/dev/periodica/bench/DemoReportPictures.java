package dev.periodica.bench;

import dev.periodica.config.DatabaseUrl;
import dev.periodica.render.DocumentBuilder;
import dev.periodica.render.ReportFonts;
import dev.periodica.render.ReportFormat;
import dev.periodica.render.SeriesResult;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * The demo report ({@code app.DemoData}: "Operations weekly") rendered without a server, for the
 * before/after pictures in {@code docs/}: its widgets' presentations and settings as the demo seeds
 * them, its series computed by PostgreSQL ({@code PG_URL}) from the demo dataset's own formula,
 * fixed at 2026-11-30T12:00Z so the pictures do not change. Usage: {@code DemoReportPictures
 * <out-prefix> [dpi]}; writes the PDF and one PNG per page.
 */
public final class DemoReportPictures {
  private static final String EVENTS =
      """
      WITH events AS (
        SELECT TIMESTAMPTZ '2026-11-30 12:00:00+00' - i * interval '25 seconds' AS time,
               (ARRAY['auth', 'billing', 'search', 'storage', 'network'])[1 + i % 5] AS category,
               1 + (i * 7) % 5 AS severity,
               'host-' || lpad(((i * 13) % 20)::text, 2, '0') AS host,
               round((((i * 37) % 1000) / 10.0)::numeric, 1) AS value
        FROM generate_series(1, 100000) AS i)
      """;

  private DemoReportPictures() {}

  public static void main(String[] args) throws Exception {
    String prefix = args[0];
    float dpi = args.length > 1 ? Float.parseFloat(args[1]) : 60;
    DatabaseUrl url =
        DatabaseUrl.parse(
            System.getenv()
                .getOrDefault("PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres"));
    List<SeriesResult> results = new ArrayList<>();
    try (Connection c =
            DriverManager.getConnection(
                url.jdbcUrl(), url.user(), url.password() == null ? "" : url.password());
        Statement s = c.createStatement()) {
      String week = " WHERE time >= TIMESTAMPTZ '2026-11-23 12:00:00+00' ";
      results.add(
          new SeriesResult(
              1,
              "About",
              "",
              List.of(),
              List.of(),
              new JsonObject(
                  """
                  {"kind": "text", "base": {"showHeading": false}, "settings": {"text":
                  "Operations weekly: what the fleet logged over the last seven days, by category, hour and host. Built by periodica from the demo dataset events."}}
                  """)));
      results.add(
          series(
              s,
              1,
              "Events by category",
              "events",
              EVENTS
                  + "SELECT category, count(*) AS events FROM events"
                  + week
                  + "GROUP BY 1 ORDER BY 2 DESC",
              "{\"kind\": \"histogram\", \"base\": {\"description\": \"Every event of the period,"
                  + " by category.\"}}"));
      results.add(
          series(
              s,
              2,
              "Events per hour, last day",
              "per hour",
              EVENTS
                  + "SELECT date_bin('1 hour', time, TIMESTAMPTZ '2000-01-03 00:00:00+00') AS"
                  + " bucket, count(*) AS events FROM events WHERE time >= TIMESTAMPTZ"
                  + " '2026-11-29 12:00:00+00' GROUP BY 1 ORDER BY 1",
              "{\"kind\": \"line\", \"settings\": {\"showDots\": false, \"lineStyle\":"
                  + " \"smooth\"}}"));
      results.add(
          series(
              s,
              3,
              "Busiest hosts",
              "value by host",
              EVENTS
                  + "SELECT host, sum(value) AS total FROM events"
                  + week
                  + "AND severity >= 3 GROUP BY 1 ORDER BY 2 DESC LIMIT 10",
              "{}"));
      results.add(
          series(
              s,
              3,
              "Events by severity (raw SQL)",
              "by severity",
              EVENTS
                  + "SELECT severity::text AS severity, count(*) AS events FROM events"
                  + week
                  + "GROUP BY severity ORDER BY severity",
              "{\"kind\": \"pie\", \"legend\": {\"show\": true, \"placement\": \"right\"}}"));
    }
    JsonObject settings =
        new JsonObject(
            """
            {"general": {"period": ["now-7d", "now"], "name_mask": "operations-{date}"},
             "style": {"font": "OpenSans-Regular"},
             "header": {"show": true, "text": "periodica demo", "text_align": "right", "color": "#1f4e79"},
             "footer": {"show": true, "show_date": true, "show_page_number": true}}
            """);
    byte[] pdf = pdf("Operations weekly", settings, Instant.parse("2026-11-30T12:00:00Z"), results);
    Files.write(Path.of(prefix + ".pdf"), pdf);
    try (PDDocument document = Loader.loadPDF(pdf)) {
      PDFRenderer renderer = new PDFRenderer(document);
      for (int page = 0; page < document.getNumberOfPages(); page++) {
        ImageIO.write(
            renderer.renderImageWithDPI(page, dpi),
            "png",
            new File(prefix + "-page" + (page + 1) + ".png"));
      }
    }
  }

  /** A series as the SQL client hands it over: numbers as numbers, timestamps as ISO text. */
  private static SeriesResult series(
      Statement s, int page, String widget, String name, String sql, String presentation)
      throws Exception {
    List<String> columns = new ArrayList<>();
    List<JsonObject> rows = new ArrayList<>();
    try (ResultSet r = s.executeQuery(sql)) {
      ResultSetMetaData meta = r.getMetaData();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        columns.add(meta.getColumnLabel(i));
      }
      while (r.next()) {
        JsonObject row = new JsonObject();
        for (String column : columns) {
          Object value = r.getObject(column);
          if (value instanceof java.sql.Timestamp stamp) {
            value = OffsetDateTime.ofInstant(stamp.toInstant(), ZoneOffset.UTC).toString();
          }
          row.put(column, value);
        }
        rows.add(row);
      }
    }
    return new SeriesResult(page, widget, name, columns, rows, new JsonObject(presentation));
  }

  /** The results rendered as the report job renders them: a document, then its PDF. */
  static byte[] pdf(
      String title, JsonObject settings, Instant fireTime, List<SeriesResult> results) {
    return ReportFormat.PDF
        .renderer(ReportFonts.of(true), Integer.MAX_VALUE)
        .render(DocumentBuilder.of(title, settings, fireTime, results));
  }
}
