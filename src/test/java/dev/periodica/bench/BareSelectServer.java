package dev.periodica.bench;

import dev.periodica.config.DatabaseUrl;
import dev.periodica.store.AnswerFloors;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.Map;
import java.util.UUID;

/**
 * The reference for the API benchmark: the least a Vert.x 5 server can do to answer a task by id
 * from PostgreSQL — one pooled select by key, the row as JSON, no validation, no access check, one
 * verticle per core like periodica. {@code java … BareSelectServer <port> <schema>} with {@code
 * PG_URL}; {@code GET /tasks/<uuid>}.
 *
 * <p>It also answers the floors ({@link AnswerFloors}): {@code GET /floor/task/<uuid>}, {@code
 * /floor/report/<uuid>}, {@code /floor/run/<uuid>} and {@code /floor/list/<report uuid>}, each
 * periodica's answer's rows and columns read by key with no access check, written as JSON arrays of
 * the columns' values (an answer's columns repeat names, so not as objects).
 */
public final class BareSelectServer extends VerticleBase {
  private static final String SELECT =
      "SELECT id, owner_id, report_id, interval, instance, job, params, timezone, enabled,"
          + " next_run_at, created_at, updated_at FROM report_tasks WHERE id = $1";
  private static final Map<String, String> FLOORS =
      Map.of(
          "task", AnswerFloors.TASK,
          "report", AnswerFloors.REPORT,
          "run", AnswerFloors.RUN,
          "list", AnswerFloors.LIST_OF_50);

  private final Pool pool;
  private final int port;

  private BareSelectServer(Pool pool, int port) {
    this.pool = pool;
    this.port = port;
  }

  @Override
  public Future<?> start() {
    return vertx
        .createHttpServer()
        .requestHandler(
            request -> {
              String path = request.path();
              String key = path.substring(path.lastIndexOf('/') + 1);
              if (path.startsWith("/floor/")) {
                floor(request, path.substring("/floor/".length(), path.lastIndexOf('/')), key);
                return;
              }
              UUID id;
              try {
                id = UUID.fromString(key);
              } catch (IllegalArgumentException e) {
                request.response().setStatusCode(400).end();
                return;
              }
              pool.preparedQuery(SELECT)
                  .execute(Tuple.of(id))
                  .onSuccess(
                      rows -> {
                        if (rows.size() == 0) {
                          request.response().setStatusCode(404).end();
                          return;
                        }
                        Row row = rows.iterator().next();
                        request
                            .response()
                            .putHeader("content-type", "application/json")
                            .end(row.toJson().encode());
                      })
                  .onFailure(e -> request.response().setStatusCode(500).end());
            })
        .listen(port);
  }

  /** One of {@link #FLOORS} for {@code id}: its rows, each a JSON array of its columns' values. */
  private void floor(HttpServerRequest request, String which, String key) {
    String sql = FLOORS.get(which);
    Object id;
    try {
      // a run's id is a number, the others' a UUID
      id = "run".equals(which) ? (Object) Long.valueOf(key) : UUID.fromString(key);
    } catch (IllegalArgumentException e) {
      request.response().setStatusCode(400).end();
      return;
    }
    if (sql == null) {
      request.response().setStatusCode(404).end();
      return;
    }
    pool.preparedQuery(sql)
        .execute(Tuple.of(id))
        .onSuccess(
            rows -> {
              if (rows.size() == 0) {
                request.response().setStatusCode(404).end();
                return;
              }
              JsonArray answer = new JsonArray();
              for (Row row : rows) {
                JsonArray columns = new JsonArray();
                for (int i = 0; i < row.size(); i++) {
                  columns.add(jsonValue(row.getValue(i)));
                }
                answer.add(columns);
              }
              request
                  .response()
                  .putHeader("content-type", "application/json")
                  .end(
                      (rows.size() == 1 && !"list".equals(which) ? answer.getJsonArray(0) : answer)
                          .encode());
            })
        .onFailure(
            e -> {
              e.printStackTrace();
              request.response().setStatusCode(500).end();
            });
  }

  /** A column's value as JSON writes it: times and ids as text, arrays as arrays. */
  private static Object jsonValue(Object value) {
    if (value instanceof Object[] array) {
      JsonArray items = new JsonArray();
      for (Object item : array) {
        items.add(jsonValue(item));
      }
      return items;
    }
    if (value instanceof java.time.temporal.Temporal || value instanceof UUID) {
      return value.toString();
    }
    return value;
  }

  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    String schema = args[1];
    DatabaseUrl url =
        DatabaseUrl.parse(
            System.getenv()
                .getOrDefault("PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres"));
    Vertx vertx = Vertx.vertx();
    Pool pool =
        PgBuilder.pool()
            .with(new PoolOptions().setMaxSize(8))
            .connectingTo(
                new PgConnectOptions()
                    .setHost(url.host())
                    .setPort(url.port())
                    .setDatabase(url.database())
                    .setUser(url.user())
                    .setPassword(url.password() == null ? "" : url.password())
                    .setCachePreparedStatements(true)
                    .setPipeliningLimit(256)
                    .setProperties(Map.of("search_path", schema)))
            .using(vertx)
            .build();
    int cores = Runtime.getRuntime().availableProcessors();
    vertx
        .deployVerticle(
            () -> new BareSelectServer(pool, port), new DeploymentOptions().setInstances(cores))
        .onSuccess(id -> System.out.println(new JsonObject().put("listening", port).encode()))
        .onFailure(
            e -> {
              e.printStackTrace();
              System.exit(1);
            });
  }
}
