package dev.periodica.access;

import io.vertx.core.Future;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** Users are created on first sight: an unknown but well-formed user id is a new user. */
public interface UserRepository {
  Future<List<User>> find(Collection<UUID> ids);
}
