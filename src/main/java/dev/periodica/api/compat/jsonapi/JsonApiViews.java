package dev.periodica.api.compat.jsonapi;

import dev.periodica.task.QueueEntry;
import dev.periodica.task.QueueListing;
import dev.periodica.task.TaskEntry;
import dev.periodica.task.TaskOrigin;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.function.Function;

/** Runs and tasks as seed 001's JSON:API documents: resources, links and meta. */
final class JsonApiViews {
  private static final DateTimeFormatter SEED_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private JsonApiViews() {}

  static JsonObject queue(QueueEntry run) {
    return new JsonObject()
        .put("id", Long.toString(run.id()))
        .put("type", Fields.QUEUE)
        .put(
            "attributes",
            new JsonObject()
                .put("Progress", run.progress())
                .put("Status", run.status())
                .put("DateOfCreation", time(run.createdAt()))
                .put("StartDate", time(run.startedAt()))
                .put("EndDate", time(run.endedAt())))
        .put(
            "relationships",
            new JsonObject()
                .put("Report", relation(Fields.REPORT, run.reportNumber(), run.reportId()))
                .put("ReportTask", relation(Fields.TASK, run.taskNumber(), run.taskId())));
  }

  static JsonObject task(TaskEntry task) {
    return new JsonObject()
        .put("id", Long.toString(task.number()))
        .put("type", Fields.TASK)
        .put("meta", new JsonObject().put("uuid", task.id().toString()))
        .put(
            "attributes",
            new JsonObject()
                .put("Name", task.name())
                .put("Type", task.origin() == TaskOrigin.USER_REQUEST ? "user_task" : "periodic")
                .put("Interval", task.interval())
                .put("Instance", task.instance().toString())
                .put("Enabled", task.enabled())
                .put("Job", task.job())
                .put("DateOfCreation", time(task.createdAt())))
        .put(
            "relationships",
            new JsonObject()
                .put("Report", relation(Fields.REPORT, task.reportNumber(), task.reportId()))
                .put("ReportQueue", relation(Fields.QUEUE, task.latestRunId(), null)));
  }

  /**
   * The document of one page: {@code links.self} (the request's own URL), {@code next} and {@code
   * prev} when there are such pages, {@code meta.total_count} and the resources.
   */
  static <T> JsonObject document(
      QueueListing<T> listing,
      Function<T, JsonObject> view,
      String url,
      MultiMap params,
      int limit,
      int offset) {
    JsonObject links = new JsonObject().put("self", url);
    String base = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
    if ((long) offset + limit < listing.total()) {
      links.put("next", page(base, params, limit, offset + limit));
    }
    if (offset > 0) {
      links.put("prev", page(base, params, limit, Math.max(0, offset - limit)));
    }
    JsonArray data = new JsonArray();
    listing.items().forEach(item -> data.add(view.apply(item)));
    return new JsonObject()
        .put("links", links)
        .put("meta", new JsonObject().put("total_count", listing.total()))
        .put("data", data);
  }

  static String time(OffsetDateTime time) {
    return time == null ? null : SEED_TIME.format(time);
  }

  private static JsonObject relation(String type, Long id, UUID uuid) {
    if (id == null) {
      return new JsonObject().putNull("data");
    }
    JsonObject data = new JsonObject().put("id", Long.toString(id)).put("type", type);
    if (uuid != null) {
      data.put("meta", new JsonObject().put("uuid", uuid.toString()));
    }
    return new JsonObject().put("data", data);
  }

  private static String page(String base, MultiMap params, int limit, int offset) {
    StringBuilder url = new StringBuilder(base);
    char separator = '?';
    for (String name : params.names()) {
      if (name.equals("page[offset]") || name.equals("page[limit]")) {
        continue;
      }
      for (String value : params.getAll(name)) {
        url.append(separator).append(encode(name)).append('=').append(encode(value));
        separator = '&';
      }
    }
    url.append(separator).append(encode("page[limit]")).append('=').append(limit);
    url.append('&').append(encode("page[offset]")).append('=').append(offset);
    return url.toString();
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
