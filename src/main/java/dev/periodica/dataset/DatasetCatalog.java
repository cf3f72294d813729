package dev.periodica.dataset;

import dev.periodica.common.Invalid;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/** The datasets exposed to reports (by default every table and view of the datasets schema). */
public interface DatasetCatalog {
  Future<List<Dataset>> all();

  Future<Optional<Dataset>> find(String name);

  /** The dataset named {@code name}, or {@link Invalid} saying that it does not exist. */
  default Future<Dataset> require(String name) {
    return find(name)
        .compose(
            found ->
                found
                    .map(Future::succeededFuture)
                    .orElseGet(
                        () ->
                            Future.failedFuture(
                                new Invalid(
                                    "dataset "
                                        + (name.length() > 60 ? name.substring(0, 60) + "…" : name)
                                        + " does not exist"))));
  }
}
