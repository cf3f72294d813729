package dev.periodica.api;

import io.vertx.core.json.JsonObject;

/**
 * Reads the caller-set fields of one resource from a request body: over {@link #blank()} for a
 * create, over the current fields for a patch (absent fields keep their value).
 */
interface DraftParser<D> {
  D blank();

  /**
   * Fields with every required one set, to check the types of a patch before the current fields are
   * known (and to explain a contract violation of a patch in the field's own words).
   */
  D placeholder();

  D parse(JsonObject body, D base);

  /**
   * Refuses a patch body that no current fields could make valid, before they are read; by default,
   * by parsing it over {@link #placeholder()}.
   */
  default void check(JsonObject body) {
    parse(body, placeholder());
  }
}
