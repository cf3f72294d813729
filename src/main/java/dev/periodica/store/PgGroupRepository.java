package dev.periodica.store;

import dev.periodica.access.Caller;
import dev.periodica.access.Group;
import dev.periodica.access.GroupDraft;
import dev.periodica.access.GroupRepository;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Groups and their members; a group is visible to its owner and members, changed by its owner. */
public final class PgGroupRepository extends PgVisibleRepository<Group, GroupDraft>
    implements GroupRepository {
  private static final String COLUMNS =
      """
      g.id, g.owner_id, g.name, g.parent_group, g.realm_id, g.email, g.phone_number, g.leader_id,
      g.accept_risk, g.visible_scan_schedules, g.stop_scans, g.edited_by,
      ARRAY(SELECT m.user_id FROM group_members m WHERE m.group_id = g.id ORDER BY m.user_id)
        AS user_ids,
      g.created_at, g.updated_at
      """;
  private static final String VISIBLE_TO_$1 =
      """
      (g.owner_id = $1
       OR EXISTS (SELECT 1 FROM group_members m WHERE m.group_id = g.id AND m.user_id = $1))
      """;
  private static final String INSERT =
      """
      INSERT INTO groups (id, owner_id, name, parent_group, realm_id, email, phone_number,
        leader_id, accept_risk, visible_scan_schedules, stop_scans, edited_by, created_at,
        updated_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13)
      """;
  private static final String FIND_VISIBLE =
      "SELECT " + COLUMNS + " FROM groups g WHERE g.id = $2 AND " + VISIBLE_TO_$1;
  private static final String FIND_BY_ID = "SELECT " + COLUMNS + " FROM groups g WHERE g.id = $1";
  private static final String FIND_VISIBLE_MANY =
      "SELECT " + COLUMNS + " FROM groups g WHERE g.id = ANY($2::uuid[]) AND " + VISIBLE_TO_$1;
  private static final String FILTER =
      """
       FROM groups g
      WHERE ($2::text IS NULL OR lower(g.name) LIKE $2)
        AND ($3::uuid IS NULL OR $3 = $3) -- groups have no parent; $3 is only typed
        AND """
          + VISIBLE_TO_$1;
  private static final String LIST =
      "SELECT " + COLUMNS + FILTER + " ORDER BY %s LIMIT $4 OFFSET $5";
  private static final String COUNT = "SELECT count(*)" + FILTER;
  private static final String UPDATE =
      """
      UPDATE groups SET name = $4, parent_group = $5, realm_id = $6, email = $7,
        phone_number = $8, leader_id = $9, accept_risk = $10, visible_scan_schedules = $11,
        stop_scans = $12, edited_by = $13, updated_at = $14
      WHERE id = $1 AND owner_id = $2 AND updated_at = $3
      RETURNING owner_id, created_at
      """;
  private static final String DELETE = "DELETE FROM groups WHERE id = $1 AND owner_id = $2";
  private static final Map<String, String> SORTABLE =
      Map.of("name", "g.name", "created_at", "g.created_at", "updated_at", "g.updated_at");
  private static final ShareTable MEMBERS = new ShareTable("group_members", "group_id", "user_id");

  public PgGroupRepository(Pool pool) {
    super(
        pool,
        new Queries(FIND_VISIBLE, FIND_BY_ID, LIST, COUNT, DELETE, SORTABLE, "g.id"),
        PgGroupRepository::mapRow);
  }

  @Override
  public Future<Group> insert(Caller caller, UUID id, GroupDraft draft, OffsetDateTime now) {
    Tuple row = fieldTuple(Tuple.of(id, caller.userId()), draft).addValue(now);
    return pool.withTransaction(
            connection ->
                PgUserRepository.ensure(connection, withOwner(caller, draft), now)
                    .compose(ok -> connection.preparedQuery(INSERT).execute(row))
                    .compose(ok -> MEMBERS.replace(connection, id, draft.userIds())))
        .map(ok -> new Group(id, caller.userId(), draft, now, now))
        .recover(SqlErrors::translate);
  }

  @Override
  public Future<List<Group>> findVisible(Caller caller, Collection<UUID> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return pool.preparedQuery(FIND_VISIBLE_MANY)
        .execute(Tuple.of(caller.userId(), (Object) Rows.array(ids)))
        .map(rows -> Rows.all(rows, this::map));
  }

  @Override
  public Future<Optional<Group>> update(
      Caller caller, UUID id, GroupDraft draft, OffsetDateTime expected, OffsetDateTime now) {
    Tuple row = fieldTuple(Tuple.of(id, caller.userId(), expected), draft).addValue(now);
    return updateWith(
        UPDATE,
        row,
        (connection, stored) ->
            PgUserRepository.ensure(connection, draft.userIds(), now)
                .compose(ok -> MEMBERS.replace(connection, id, draft.userIds()))
                .map(
                    ok ->
                        new Group(
                            id,
                            stored.getUUID("owner_id"),
                            draft,
                            stored.getOffsetDateTime("created_at"),
                            now)));
  }

  private static Tuple fieldTuple(Tuple tuple, GroupDraft draft) {
    return tuple
        .addValue(draft.name())
        .addValue(draft.parentGroup())
        .addValue(draft.realmId())
        .addValue(draft.email())
        .addValue(draft.phoneNumber())
        .addValue(draft.leaderId())
        .addValue(draft.acceptRisk())
        .addValue(draft.visibleScanSchedules())
        .addValue(draft.stopScans())
        .addValue(draft.editedBy());
  }

  private static List<UUID> withOwner(Caller caller, GroupDraft draft) {
    List<UUID> ids = new ArrayList<>(draft.userIds());
    ids.add(caller.userId());
    return ids;
  }

  private static Group mapRow(Row row) {
    return new Group(
        row.getUUID("id"),
        row.getUUID("owner_id"),
        new GroupDraft(
            row.getString("name"),
            row.getString("parent_group"),
            row.getString("realm_id"),
            row.getString("email"),
            row.getString("phone_number"),
            row.getString("leader_id"),
            row.getBoolean("accept_risk"),
            row.getBoolean("visible_scan_schedules"),
            row.getBoolean("stop_scans"),
            row.getString("edited_by"),
            Rows.uuids(row, "user_ids")),
        row.getOffsetDateTime("created_at"),
        row.getOffsetDateTime("updated_at"));
  }
}
