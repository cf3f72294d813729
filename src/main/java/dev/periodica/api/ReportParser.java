package dev.periodica.api;

import dev.periodica.common.Invalid;
import dev.periodica.common.Messages;
import dev.periodica.report.ReportDraft;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Report fields. {@code config.pages} is a list of pages, each a list of widget placements
 * (objects); {@code settings} holds the general, header, footer and style sections of the seed.
 */
final class ReportParser implements DraftParser<ReportDraft> {
  static final int MAX_PAGES = 500;

  /** Widget placements over all pages: each is checked when saved and read when run. */
  static final int MAX_PLACEMENTS = 2000;

  @Override
  public ReportDraft blank() {
    return new ReportDraft(
        null,
        new JsonObject().put("pages", new JsonArray()),
        new JsonObject(),
        false,
        null,
        null,
        List.of(),
        List.of());
  }

  @Override
  public ReportDraft placeholder() {
    ReportDraft blank = blank();
    return new ReportDraft(
        "-", blank.config(), blank.settings(), false, null, null, List.of(), List.of());
  }

  @Override
  public ReportDraft parse(JsonObject body, ReportDraft base) {
    String name = Input.requiredText(body, "name", base.name(), Input.MAX_NAME);
    JsonObject config = Input.json(body, "config", base.config());
    checkPages(config);
    JsonObject settings = Input.json(body, "settings", base.settings());
    checkSections(settings);
    return new ReportDraft(
        name,
        config,
        settings,
        Input.bool(body, "is_system", base.isSystem()),
        Input.id(body, "category_id", "category", base.categoryId()),
        Input.id(body, "dashboard_id", "dashboard", base.dashboardId()),
        Input.ids(body, "user_ids", "user", base.userIds()),
        Input.ids(body, "group_ids", "group", base.groupIds()));
  }

  private static void checkPages(JsonObject config) {
    Object pages = config.getValue("pages");
    if (pages == null) {
      config.put("pages", new JsonArray());
      return;
    }
    if (!(pages instanceof JsonArray list) || list.size() > MAX_PAGES) {
      throw new Invalid(Messages.PAGES_SHAPE);
    }
    int count = 0;
    for (Object page : list) {
      if (!(page instanceof JsonArray placements)) {
        throw new Invalid(Messages.PAGES_SHAPE);
      }
      count += placements.size();
      if (count > MAX_PLACEMENTS) {
        throw new Invalid(Messages.TOO_MANY_PLACEMENTS.formatted(MAX_PLACEMENTS));
      }
      for (Object placement : placements) {
        if (!(placement instanceof JsonObject object)) {
          throw new Invalid(Messages.PAGES_SHAPE);
        }
        checkInline(object);
      }
    }
  }

  /** An inline widget's {@code settings}, when given, is an object like a saved widget's. */
  private static void checkInline(JsonObject placement) {
    if (placement.getValue("widget") instanceof JsonObject inline
        && inline.getValue("settings") != null
        && !(inline.getValue("settings") instanceof JsonObject)) {
      throw new Invalid(Messages.mustBe("widget.settings", "an object"));
    }
  }

  private static void checkSections(JsonObject settings) {
    for (String section : List.of("general", "header", "footer", "style")) {
      Object value = settings.getValue(section);
      if (value != null && !(value instanceof JsonObject)) {
        throw new Invalid(Messages.mustBe("settings." + section, "an object"));
      }
    }
  }
}
