package dev.periodica.api;

import io.vertx.core.json.JsonObject;

/**
 * Reads the caller-set fields of one resource from a request body: over {@link #blank()} for a
 * create, over the current fields for a patch (absent fields keep their value).
 */
interface DraftParser<D> {
  D blank();

  D parse(JsonObject body, D base);
}
