package dev.periodica.access;

import io.vertx.core.Future;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Users are created on first sight: an unknown but well-formed user id is a new user. */
public interface UserRepository {
  Future<List<User>> find(Collection<UUID> ids);

  /** The user {@code id}, created now if never seen. */
  Future<User> findOrCreate(UUID id, OffsetDateTime now);

  /**
   * Stores the profile of {@code user} (created if never seen); a username another user holds
   * (case-insensitively) fails with a conflict.
   */
  Future<User> save(User user, OffsetDateTime now);

  /** The user whose username is {@code username}, case-insensitively. */
  Future<Optional<User>> findByUsername(String username);
}
