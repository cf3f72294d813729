package dev.periodica.api;

import dev.periodica.report.CategoryDraft;
import io.vertx.core.json.JsonObject;

/** Category fields: a name and an optional parent category. */
final class CategoryParser implements DraftParser<CategoryDraft> {
  @Override
  public CategoryDraft blank() {
    return new CategoryDraft(null, null);
  }

  @Override
  public CategoryDraft placeholder() {
    return new CategoryDraft("-", null);
  }

  @Override
  public CategoryDraft parse(JsonObject body, CategoryDraft base) {
    return new CategoryDraft(
        Input.requiredText(body, "name", base.name(), Input.MAX_NAME),
        Input.id(body, "parent_id", "parent category", base.parentId()));
  }
}
