package dev.periodica.access;

import dev.periodica.common.Conflict;
import dev.periodica.common.Messages;
import dev.periodica.common.Timestamps;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The caller's own profile (seed 000's user model: username, email, first and last name), which
 * only the caller sets; other systems (the bk-sops facade) name users by their username, unique
 * case-insensitively.
 */
public final class UserService {
  private final UserRepository users;
  private final Clock clock;

  public UserService(UserRepository users, Clock clock) {
    this.users = users;
    this.clock = clock;
  }

  public Future<User> me(Caller caller) {
    return users.findOrCreate(caller.userId(), Timestamps.now(clock));
  }

  /** Applies {@code change} to the caller's profile; a username taken by another is a conflict. */
  public Future<User> updateMe(Caller caller, UnaryOperator<User> change) {
    return me(caller)
        .compose(current -> users.save(change.apply(current), Timestamps.now(clock)))
        .recover(
            failure ->
                Future.<User>failedFuture(
                    failure instanceof Conflict ? new Conflict(Messages.USERNAME_TAKEN) : failure));
  }

  public Future<Optional<User>> byUsername(String username) {
    return users.findByUsername(username);
  }
}
