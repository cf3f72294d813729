package dev.periodica.store;

import dev.periodica.access.Caller;
import dev.periodica.access.Stored;
import dev.periodica.access.VisibleRepository;
import dev.periodica.common.Page;
import dev.periodica.common.PageRequest;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The reads and the delete every access-limited repository runs the same way; each subclass gives
 * its own SQL (as {@link Queries}) and writes its own inserts and updates.
 */
abstract class PgVisibleRepository<T extends Stored<D>, D> implements VisibleRepository<T, D> {
  /**
   * The statements of one resource. Parameters: {@code findVisible} $1 caller, $2 id; {@code
   * findById} $1 id; {@code list} $1 caller, $2 name pattern or null, $3 parent id or null, the
   * resource's {@link #filterArgs} if any, then limit and offset ($4, $5 without), and {@code %s}
   * for the ORDER BY; {@code count} $1, $2, $3 as in list; {@code delete} $1 id, $2 caller (the
   * owner).
   */
  record Queries(
      String findVisible,
      String findById,
      String list,
      String count,
      String delete,
      Map<String, String> sortable,
      String idColumn) {}

  /** The list statement's leading SELECT, where the window that counts every row goes. */
  private static final java.util.regex.Pattern WITH_TOTAL =
      java.util.regex.Pattern.compile("^\\s*SELECT\\s+");

  protected final Pool pool;
  private final Queries queries;
  private final Function<Row, T> mapper;

  protected PgVisibleRepository(Pool pool, Queries queries, Function<Row, T> mapper) {
    if (!WITH_TOTAL.matcher(queries.list()).find()) {
      throw new IllegalArgumentException("a list statement must start with SELECT");
    }
    this.pool = pool;
    this.queries = queries;
    this.mapper = mapper;
  }

  @Override
  public Future<Optional<T>> findVisible(Caller caller, UUID id) {
    return pool.preparedQuery(queries.findVisible())
        .execute(Tuple.of(caller.userId(), id))
        .map(rows -> Rows.first(rows, mapper));
  }

  @Override
  public Future<Optional<T>> findById(UUID id) {
    return pool.preparedQuery(queries.findById())
        .execute(Tuple.of(id))
        .map(rows -> Rows.first(rows, mapper));
  }

  /**
   * One statement for a page and the total: the total is counted by a window over the filtered
   * rows, which PostgreSQL computes before the LIMIT. Only a page past the end (no rows to carry
   * the total) asks for the count on its own.
   */
  @Override
  public Future<Page<T>> listVisible(Caller caller, PageRequest page, UUID parentId) {
    String pattern = Listing.prefixPattern(page.namePrefix());
    String sql =
        WITH_TOTAL
            .matcher(
                queries
                    .list()
                    .formatted(Listing.orderBy(page, queries.sortable(), queries.idColumn())))
            .replaceFirst("SELECT count(*) OVER () AS total_rows, ");
    return pool.preparedQuery(sql)
        .execute(listArgs(caller, pattern, parentId, page, true))
        .compose(
            rows -> {
              List<T> items = Rows.all(rows, mapper);
              if (rows.size() > 0) {
                long total = rows.iterator().next().getLong("total_rows");
                return Future.succeededFuture(
                    new Page<>(items, total, page.limit(), page.offset()));
              }
              return pool.preparedQuery(queries.count())
                  .execute(listArgs(caller, pattern, parentId, page, false))
                  .map(
                      counted ->
                          new Page<>(
                              items,
                              counted.iterator().next().getLong(0),
                              page.limit(),
                              page.offset()));
            });
  }

  /**
   * The list's parameters: $1 caller, $2 name pattern, $3 parent, then the resource's own {@link
   * #filterArgs}, then (for the page, not the count) limit and offset.
   */
  private Tuple listArgs(
      Caller caller, String pattern, UUID parentId, PageRequest page, boolean paged) {
    Tuple args = Tuple.of(caller.userId(), pattern, parentId);
    filterArgs(page).forEach(args::addValue);
    if (paged) {
      args.addValue(page.limit()).addValue(page.offset());
    }
    return args;
  }

  /**
   * A resource's own filters, bound from $4 on (its list statement's LIMIT and OFFSET follow them);
   * none by default, so LIMIT $4 OFFSET $5.
   */
  protected List<Object> filterArgs(PageRequest page) {
    return List.of();
  }

  @Override
  public Future<Boolean> delete(Caller caller, UUID id) {
    return pool.preparedQuery(queries.delete())
        .execute(Tuple.of(id, caller.userId()))
        .map(rows -> rows.rowCount() > 0)
        .recover(SqlErrors::translate);
  }

  /**
   * Runs a guarded UPDATE (zero rows means someone else changed the object first, or it is not the
   * caller's to change) and, in the same transaction, the writes that go with it, given the row the
   * UPDATE returned.
   */
  protected Future<Optional<T>> updateWith(
      String sql, Tuple row, BiFunction<SqlConnection, Row, Future<T>> alongside) {
    return pool.withTransaction(
            connection ->
                connection
                    .preparedQuery(sql)
                    .execute(row)
                    .compose(
                        rows ->
                            rows.rowCount() == 0
                                ? Future.succeededFuture(Optional.<T>empty())
                                : alongside
                                    .apply(connection, rows.iterator().next())
                                    .map(Optional::of)))
        .recover(SqlErrors::translate);
  }

  protected T map(Row row) {
    return mapper.apply(row);
  }
}
