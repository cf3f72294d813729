package dev.periodica.report;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/** The datasets exposed to reports (by default every table and view of the datasets schema). */
public interface DatasetCatalog {
  Future<List<Dataset>> all();

  Future<Optional<Dataset>> find(String name);
}
