package dev.periodica.access;

import dev.periodica.common.Conflict;
import dev.periodica.common.Forbidden;
import dev.periodica.common.Messages;
import dev.periodica.common.NotFound;
import dev.periodica.common.Page;
import dev.periodica.common.PageRequest;
import dev.periodica.common.Timestamps;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The create/read/update/delete rules every shared resource follows: hidden objects answer {@code
 * <thing> not found}, only the owner deletes, a concurrent change answers 409, and each resource
 * adds its own checks of references and rights through the hooks.
 */
public abstract class ResourceService<T extends Stored<D>, D> {
  private final VisibleRepository<T, D> repository;
  private final Clock clock;
  private final String thing;

  protected ResourceService(VisibleRepository<T, D> repository, Clock clock, String thing) {
    this.repository = repository;
    this.clock = clock;
    this.thing = thing;
  }

  public Future<T> create(Caller caller, D draft) {
    return createWithId(caller, UUID.randomUUID(), draft);
  }

  /**
   * Creates the object under an id the caller chose (systems that name their objects themselves);
   * an id already taken answers {@link Conflict}.
   */
  protected Future<T> createWithId(Caller caller, UUID id, D draft) {
    return checkReferences(caller, id, draft, null)
        .compose(ok -> repository.insert(caller, id, draft, now()));
  }

  public Future<T> get(Caller caller, UUID id) {
    return repository
        .findVisible(caller, id)
        .map(found -> found.orElseThrow(() -> new NotFound(Messages.notFound(thing))));
  }

  public Future<Page<T>> list(Caller caller, PageRequest page, UUID parentId) {
    return repository.listVisible(caller, page, parentId);
  }

  /** Applies {@code change} to the current fields and stores the result. */
  public Future<T> update(Caller caller, UUID id, UnaryOperator<D> change) {
    return get(caller, id)
        .compose(
            current -> {
              checkMayChange(caller, current);
              D draft = change.apply(current.fields());
              checkChange(caller, current, draft);
              return checkReferences(caller, id, draft, current.fields())
                  .compose(ok -> repository.update(caller, id, draft, current.updatedAt(), now()))
                  .map(
                      updated ->
                          updated.orElseThrow(() -> new Conflict(Messages.CHANGED_MEANWHILE)));
            });
  }

  public Future<Void> delete(Caller caller, UUID id) {
    return get(caller, id)
        .compose(
            current -> {
              checkMayChange(caller, current);
              return checkMayDelete(caller, current).compose(ok -> repository.delete(caller, id));
            })
        .compose(
            deleted ->
                deleted
                    ? Future.<Void>succeededFuture()
                    : Future.failedFuture(new NotFound(Messages.notFound(thing))));
  }

  /**
   * Fails when a referenced object is missing or hidden from the caller. {@code before} is null on
   * create; on update it holds the stored fields, and only references the request changes are
   * checked: an editor the owner shared an object with may save it while it stays filed in the
   * owner's category or shared with a group the editor is not in.
   */
  protected Future<Void> checkReferences(Caller caller, UUID id, D draft, D before) {
    return Future.succeededFuture();
  }

  /**
   * Throws when {@code draft} changes a field that may not change once set, or not by the caller.
   */
  protected void checkChange(Caller caller, T current, D draft) {}

  /**
   * Only the owner decides who an object is shared with: an editor who could change the shares
   * could hand the object to anyone, or take it from users and groups they cannot even see.
   */
  protected static void requireOwnerForShares(
      Caller caller,
      Stored<?> current,
      java.util.List<UUID> usersBefore,
      java.util.List<UUID> usersAfter,
      java.util.List<UUID> groupsBefore,
      java.util.List<UUID> groupsAfter) {
    boolean sharesChanged =
        !new java.util.HashSet<>(usersBefore).equals(new java.util.HashSet<>(usersAfter))
            || !new java.util.HashSet<>(groupsBefore).equals(new java.util.HashSet<>(groupsAfter));
    if (sharesChanged && !current.ownerId().equals(caller.userId())) {
      throw new Forbidden(Messages.OWNER_ONLY_SHARES);
    }
  }

  /** Fails unless the caller may delete {@code current}: by default only its owner may. */
  protected Future<Void> checkMayDelete(Caller caller, T current) {
    return current.ownerId().equals(caller.userId())
        ? Future.succeededFuture()
        : Future.failedFuture(new Forbidden(Messages.OWNER_ONLY_DELETE));
  }

  /** Throws when the caller sees {@code current} but may not change it. */
  protected void checkMayChange(Caller caller, T current) {}

  protected OffsetDateTime now() {
    return Timestamps.now(clock);
  }

  protected Clock clock() {
    return clock;
  }
}
