package dev.periodica.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;

/**
 * A join table sharing an object with users or groups ({@code report_users}, …): replacing the
 * whole set is how shares are written, inside the caller's transaction.
 */
final class ShareTable {
  private final String deleteSql;
  private final String insertSql;

  ShareTable(String table, String objectColumn, String memberColumn) {
    this.deleteSql = "DELETE FROM " + table + " WHERE " + objectColumn + " = $1";
    this.insertSql =
        """
        INSERT INTO %s (%s, %s)
        SELECT $1, member FROM unnest($2::uuid[]) AS member
        ON CONFLICT DO NOTHING
        """
            .formatted(table, objectColumn, memberColumn);
  }

  Future<Void> replace(SqlConnection connection, UUID objectId, List<UUID> members) {
    return connection
        .preparedQuery(deleteSql)
        .execute(Tuple.of(objectId))
        .compose(
            deleted ->
                members.isEmpty()
                    ? Future.succeededFuture()
                    : connection
                        .preparedQuery(insertSql)
                        .execute(Tuple.of(objectId, (Object) Rows.array(members))))
        .mapEmpty();
  }
}
