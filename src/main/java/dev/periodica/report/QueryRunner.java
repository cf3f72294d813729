package dev.periodica.report;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** Runs compiled queries read-only, with a statement timeout. */
public interface QueryRunner {
  Future<List<JsonObject>> run(CompiledQuery query);
}
