package dev.periodica.api;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatableRequest;
import io.vertx.openapi.validation.ValidatorException;
import io.vertx.openapi.validation.impl.RequestValidatorImpl;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Checks a request against its operation on the event loop, as the router builder's validation
 * handler does, without its hop to a worker thread and back (vertx-openapi 5.0 runs every
 * validation through {@code executeBlocking}): for small parameters and bodies bounded by {@code
 * BODY_LIMIT_BYTES} the hop cost more than the check. Refusals fail the route the same way, a 400
 * {@link HttpException} carrying the {@link ValidatorException}, so the readers explain them as
 * before.
 */
public final class InlineRequestValidation implements Handler<RoutingContext> {
  private final Checker checker;
  private final Operation operation;
  private final RequestExtractor extractor;

  private InlineRequestValidation(
      Checker checker, Operation operation, RequestExtractor extractor) {
    this.checker = checker;
    this.operation = operation;
    this.extractor = extractor;
  }

  /**
   * A router builder for {@code contract} (the native API's or a facade's) whose requests are
   * validated on the event loop with validators built once ({@link CachedValidators}). Handlers
   * added to its routes afterwards run after the validation.
   */
  public static RouterBuilder builder(Vertx vertx, OpenAPIContract contract) {
    OpenAPIContract cached = CachedValidators.of(contract);
    RequestExtractor extractor = RequestExtractor.withBodyHandler();
    RouterBuilder builder = RouterBuilder.create(vertx, cached, extractor);
    install(vertx, cached, builder, extractor);
    return builder;
  }

  /** Replaces the builder's validation of every operation of {@code contract} by this one. */
  static void install(
      Vertx vertx, OpenAPIContract contract, RouterBuilder builder, RequestExtractor extractor) {
    Checker checker = new Checker(vertx, contract);
    for (Operation operation : contract.operations()) {
      builder
          .getRoute(operation.getOperationId())
          .setDoValidation(false)
          .addHandler(new InlineRequestValidation(checker, operation, extractor));
    }
  }

  /**
   * Bodies larger than this are checked on a worker thread, as the library does: a schema check of
   * a body near {@code BODY_LIMIT_BYTES} would hold the event loop for milliseconds.
   */
  static final int INLINE_BODY_BYTES = 64 * 1024;

  @Override
  public void handle(RoutingContext ctx) {
    extractor
        .extractValidatableRequest(ctx, operation)
        .compose(
            request -> {
              if (ctx.body() == null || ctx.body().length() <= INLINE_BODY_BYTES) {
                checker.check(request, operation);
                return io.vertx.core.Future.<Void>succeededFuture();
              }
              return ctx.vertx()
                  .executeBlocking(
                      () -> {
                        checker.check(request, operation);
                        return null;
                      },
                      false);
            })
        .onSuccess(ok -> ctx.next())
        .onFailure(
            e ->
                ctx.fail(
                    e instanceof ValidatorException invalid
                        ? new HttpException(400, invalid.getMessage(), invalid)
                        : e));
  }

  /**
   * The library's own parameter and body checks, called in place; a parameter value that {@link
   * FastParameterCheck} knows passes skips the library's work.
   */
  private static final class Checker extends RequestValidatorImpl {
    private final Map<Parameter, Predicate<String>> fast = new IdentityHashMap<>();

    Checker(Vertx vertx, OpenAPIContract contract) {
      super(vertx, contract);
      for (Operation operation : contract.operations()) {
        for (Parameter parameter : operation.getParameters()) {
          Predicate<String> check = FastParameterCheck.of(parameter);
          if (check != null) {
            fast.put(parameter, check);
          }
        }
      }
    }

    void check(ValidatableRequest request, Operation operation) {
      for (Parameter parameter : operation.getParameters()) {
        String name = parameter.getName();
        RequestParameter value =
            switch (parameter.getIn()) {
              case COOKIE -> request.getCookies().get(name);
              case HEADER -> request.getHeaders().get(name);
              case PATH -> request.getPathParameters().get(name);
              case QUERY -> request.getQuery().get(name);
            };
        if (!passes(parameter, value)) {
          validateParameter(parameter, value);
        }
      }
      validateBody(operation.getRequestBody(), request);
    }

    private boolean passes(Parameter parameter, RequestParameter value) {
      Predicate<String> check = fast.get(parameter);
      return check != null && value != null && value.get() instanceof String raw && check.test(raw);
    }
  }
}
