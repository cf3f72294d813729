package dev.periodica.report;

import dev.periodica.access.Caller;
import dev.periodica.access.ResourceService;
import dev.periodica.common.Invalid;
import dev.periodica.common.Messages;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.UUID;

/** Categories form a tree: a parent must be a category the caller sees and never a descendant. */
public final class CategoryService extends ResourceService<Category, CategoryDraft> {
  public static final String THING = "category";
  private final CategoryRepository categories;

  public CategoryService(CategoryRepository categories, Clock clock) {
    super(categories, clock, THING);
    this.categories = categories;
  }

  @Override
  protected Future<Void> checkReferences(
      Caller caller, UUID id, CategoryDraft draft, CategoryDraft before) {
    UUID parentId = draft.parentId();
    if (parentId == null || (before != null && parentId.equals(before.parentId()))) {
      return Future.succeededFuture();
    }
    if (parentId.equals(id)) {
      return Future.failedFuture(new Invalid(Messages.CATEGORY_CYCLE));
    }
    return get(caller, parentId)
        .compose(parent -> categories.isSelfOrAncestor(id, parentId))
        .compose(
            cycle ->
                cycle
                    ? Future.failedFuture(new Invalid(Messages.CATEGORY_CYCLE))
                    : Future.succeededFuture());
  }
}
