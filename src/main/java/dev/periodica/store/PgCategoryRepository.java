package dev.periodica.store;

import dev.periodica.access.Caller;
import dev.periodica.report.Category;
import dev.periodica.report.CategoryDraft;
import dev.periodica.report.CategoryRepository;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Categories: a tree of folders, each visible to and changed by its owner. */
public final class PgCategoryRepository extends PgVisibleRepository<Category, CategoryDraft>
    implements CategoryRepository {
  private static final String COLUMNS =
      "c.id, c.owner_id, c.name, c.parent_id, c.created_at, c.updated_at";
  private static final String FILTER =
      """
       FROM categories c
      WHERE c.owner_id = $1 AND ($2::text IS NULL OR lower(c.name) LIKE $2)
        AND ($3::uuid IS NULL OR c.parent_id = $3)
      """;
  private static final String INSERT =
      """
      INSERT INTO categories (id, owner_id, name, parent_id, created_at, updated_at)
      VALUES ($1, $2, $3, $4, $5, $5)
      """;
  private static final String UPDATE =
      """
      UPDATE categories c SET name = $4, parent_id = $5, updated_at = $6
      WHERE c.id = $2 AND c.owner_id = $1 AND c.updated_at = $3
      RETURNING
      """
          + COLUMNS;
  private static final String SELF_OR_ANCESTOR =
      """
      WITH RECURSIVE up (id, parent_id) AS (
        SELECT id, parent_id FROM categories WHERE id = $2
        UNION
        SELECT c.id, c.parent_id FROM categories c JOIN up ON c.id = up.parent_id)
      SELECT EXISTS (SELECT 1 FROM up WHERE id = $1)
      """;
  private static final Queries QUERIES =
      new Queries(
          "SELECT " + COLUMNS + " FROM categories c WHERE c.id = $2 AND c.owner_id = $1",
          "SELECT " + COLUMNS + " FROM categories c WHERE c.id = $1",
          "SELECT " + COLUMNS + FILTER + " ORDER BY %s LIMIT $4 OFFSET $5",
          "SELECT count(*)" + FILTER,
          "DELETE FROM categories WHERE id = $1 AND owner_id = $2",
          Map.of("name", "c.name", "created_at", "c.created_at", "updated_at", "c.updated_at"),
          "c.id");

  public PgCategoryRepository(Pool pool) {
    super(pool, QUERIES, PgCategoryRepository::mapRow);
  }

  @Override
  public Future<Category> insert(Caller caller, UUID id, CategoryDraft draft, OffsetDateTime now) {
    return pool.withTransaction(
            connection ->
                PgUserRepository.ensure(connection, List.of(caller.userId()), now)
                    .compose(
                        ok ->
                            connection
                                .preparedQuery(INSERT)
                                .execute(
                                    Tuple.of(
                                        id, caller.userId(), draft.name(), draft.parentId(), now))))
        .map(ok -> new Category(id, caller.userId(), draft, now, now))
        .recover(SqlErrors::translate);
  }

  @Override
  public Future<Optional<Category>> update(
      Caller caller, UUID id, CategoryDraft draft, OffsetDateTime expected, OffsetDateTime now) {
    return pool.preparedQuery(UPDATE)
        .execute(Tuple.of(caller.userId(), id, expected, draft.name(), draft.parentId(), now))
        .map(rows -> Rows.first(rows, this::map))
        .recover(SqlErrors::translate);
  }

  @Override
  public Future<Boolean> isSelfOrAncestor(UUID ancestor, UUID category) {
    return pool.preparedQuery(SELF_OR_ANCESTOR)
        .execute(Tuple.of(ancestor, category))
        .map(rows -> rows.iterator().next().getBoolean(0));
  }

  private static Category mapRow(Row row) {
    return new Category(
        row.getUUID("id"),
        row.getUUID("owner_id"),
        new CategoryDraft(row.getString("name"), row.getUUID("parent_id")),
        row.getOffsetDateTime("created_at"),
        row.getOffsetDateTime("updated_at"));
  }
}
