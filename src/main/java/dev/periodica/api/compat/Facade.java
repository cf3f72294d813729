package dev.periodica.api.compat;

import dev.periodica.api.ApiServices;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/**
 * The API of another system (seeds 001–004) served by the same services as the native one: no
 * second data model, no second scheduler. A facade mounts its routes, its own OpenAPI document and
 * its own error shape under its own paths; whatever it creates is an ordinary task, seen through
 * {@code /cruddy/v2} by those allowed.
 */
public interface Facade {
  Future<Void> mount(Vertx vertx, Router root, ApiServices services, long bodyLimitBytes);
}
