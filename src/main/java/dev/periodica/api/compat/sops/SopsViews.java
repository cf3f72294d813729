package dev.periodica.api.compat.sops;

import dev.periodica.task.ReportTask;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Tasks as bk-sops shows periodic tasks. What a task keeps for this facade is in its {@code
 * attributes}: {@code bk_biz_id}, {@code creator} (the bk_username that created it), {@code
 * template_id} (its report's number) and {@code form} (each constant's metadata); the constants'
 * values are the task's {@code params.constants}, so a change through the native API shows here.
 */
final class SopsViews {
  static final String BIZ_ID = "bk_biz_id";
  static final String CREATOR = "creator";
  static final String TEMPLATE_ID = "template_id";
  static final String FORM = "form";
  static final String FLOW_TYPE = "flow_type";

  private static final DateTimeFormatter LAST_RUN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z", Locale.ROOT);

  private SopsViews() {}

  /** The fields of {@code get_periodic_task_list}. */
  static JsonObject summary(ReportTask task) {
    JsonObject attributes = attributes(task);
    return new JsonObject()
        .put("cron", cron(task.fields().interval()))
        .put("total_run_count", task.runCount())
        .put("name", task.fields().name() == null ? "" : task.fields().name())
        .put("creator", attributes.getString(CREATOR, ""))
        .put("last_run_at", lastRunAt(task.lastRunAt()))
        .put("enabled", task.fields().enabled())
        .put("id", task.number())
        .put("template_id", attributes.getString(TEMPLATE_ID, ""));
  }

  /** The fields of {@code create_periodic_task} and {@code get_periodic_task_info}. */
  static JsonObject detail(ReportTask task) {
    JsonObject form = form(task);
    return summary(task)
        .put("form", form)
        .put(
            "pipeline_tree",
            new JsonObject()
                .put("start_event", new JsonObject())
                .put("end_event", new JsonObject())
                .put("activities", new JsonObject())
                .put("gateways", new JsonObject())
                .put("flows", new JsonObject())
                .put("line", new JsonArray())
                .put("location", new JsonArray())
                .put("outputs", new JsonArray())
                .put("constants", form.copy()));
  }

  /**
   * Each constant with its metadata, in the order the caller gave them; a constant set through the
   * native API, without metadata, gets the metadata of a custom text input.
   */
  static JsonObject form(ReportTask task) {
    JsonObject values = constants(task);
    JsonObject meta = attributes(task).getJsonObject(FORM, new JsonObject());
    JsonObject form = new JsonObject();
    int index = 0;
    for (String key : meta.fieldNames()) {
      String bare = SopsInput.bare(key);
      if (values.containsKey(bare)) {
        form.put(key, entry(key, meta.getJsonObject(key), index++, values.getValue(bare)));
      }
    }
    for (String bare : values.fieldNames()) {
      String key = "${" + bare + "}";
      if (!form.containsKey(key)) {
        form.put(key, entry(key, null, index++, values.getValue(bare)));
      }
    }
    return form;
  }

  /** The metadata bk-sops keeps for a custom constant, without its value and index. */
  static JsonObject metadata(String key) {
    return new JsonObject()
        .put("key", key)
        .put("name", SopsInput.bare(key))
        .put("desc", "")
        .put("source_type", "custom")
        .put("custom_type", "input")
        .put("source_tag", "")
        .put("source_info", new JsonObject())
        .put("show_type", "show")
        .put("validation", "");
  }

  private static JsonObject entry(String key, JsonObject meta, int index, Object value) {
    JsonObject entry = metadata(key);
    if (meta != null) {
      entry.mergeIn(meta);
    }
    return entry.put("key", key).put("index", index).put("value", value);
  }

  /** The task's constants, by bare name: {@code params.constants}. */
  static JsonObject constants(ReportTask task) {
    Object constants = task.fields().params().getValue("constants");
    return constants instanceof JsonObject object ? object : new JsonObject();
  }

  static JsonObject attributes(ReportTask task) {
    return task.fields().attributes() == null ? new JsonObject() : task.fields().attributes();
  }

  /**
   * {@code "<m> <h> <dow> <dom> <MY> (m/h/d/dM/MY)"} from the task's 5-field Unix interval ({@code
   * m h dom MY dow}); an interval of another form (set through the native API) as it is.
   */
  static String cron(String interval) {
    String[] fields = interval.strip().split("\\s+");
    if (fields.length != 5) {
      return interval + " " + SopsInput.CRON_FIELDS_ORDER;
    }
    return String.join(" ", fields[0], fields[1], fields[4], fields[2], fields[3])
        + " "
        + SopsInput.CRON_FIELDS_ORDER;
  }

  /** {@code "2018-11-28 15:57:01 +0000"}, or {@code ""} before the first run. */
  static String lastRunAt(OffsetDateTime at) {
    return at == null ? "" : LAST_RUN.format(at.withOffsetSameInstant(ZoneOffset.UTC));
  }
}
