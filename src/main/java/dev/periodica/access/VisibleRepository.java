package dev.periodica.access;

import dev.periodica.common.Page;
import dev.periodica.common.PageRequest;
import io.vertx.core.Future;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * Storage of objects a caller may see: every read and write is limited in SQL to the objects the
 * caller owns or that are shared with them, so a hidden object behaves as a missing one.
 */
public interface VisibleRepository<T extends Stored<D>, D> {
  /** Stores a new object owned by the caller, with every row it needs, in one transaction. */
  Future<T> insert(Caller caller, UUID id, D draft, OffsetDateTime now);

  Future<Optional<T>> findVisible(Caller caller, UUID id);

  /** The object whatever its visibility: only to expand a related object the caller may see. */
  Future<Optional<T>> findById(UUID id);

  /** A page of visible objects; {@code parentId}, when not null, narrows it to one parent. */
  Future<Page<T>> listVisible(Caller caller, PageRequest page, UUID parentId);

  /**
   * Replaces the fields of an object the caller may change, if it still carries {@code
   * expectedUpdatedAt}; empty when someone else changed it first.
   */
  Future<Optional<T>> update(
      Caller caller, UUID id, D draft, OffsetDateTime expectedUpdatedAt, OffsetDateTime now);

  /** Deletes an object the caller owns; false when there was none. */
  Future<Boolean> delete(Caller caller, UUID id);
}
