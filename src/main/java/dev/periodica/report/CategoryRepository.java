package dev.periodica.report;

import dev.periodica.access.VisibleRepository;
import io.vertx.core.Future;
import java.util.UUID;

/** Storage of categories: a category is visible to its owner. */
public interface CategoryRepository extends VisibleRepository<Category, CategoryDraft> {
  /** Whether {@code ancestor} is {@code category} itself or one of its ancestors. */
  Future<Boolean> isSelfOrAncestor(UUID ancestor, UUID category);
}
