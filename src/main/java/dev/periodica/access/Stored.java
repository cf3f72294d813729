package dev.periodica.access;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A stored object with an owner, the caller-set fields {@code D} and a change timestamp. */
public interface Stored<D> {
  UUID id();

  UUID ownerId();

  D fields();

  OffsetDateTime createdAt();

  OffsetDateTime updatedAt();
}
