package dev.periodica.api;

import io.vertx.core.file.FileSystem;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.json.schema.Validator;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.OpenAPIVersion;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Path;
import io.vertx.openapi.contract.SecurityRequirement;
import io.vertx.openapi.contract.SecurityScheme;
import io.vertx.openapi.contract.Server;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An OpenAPI contract whose schema validators are built once per schema. vertx-openapi (5.0) asks
 * its schema repository for a new validator for every parameter and body of every request, and each
 * one copies the repository's whole schema map: most of a simple GET's CPU went there. A validator
 * is immutable once built and the contract's schemas never change after loading, so one per schema
 * instance serves every request.
 */
public final class CachedValidators {
  private CachedValidators() {}

  /** {@code contract}, with validators cached; everything else answered by it. */
  public static OpenAPIContract of(OpenAPIContract contract) {
    return new Contract(contract, new Repository(contract.getSchemaRepository()));
  }

  private record Contract(OpenAPIContract delegate, SchemaRepository repository)
      implements OpenAPIContract {
    @Override
    public SchemaRepository getSchemaRepository() {
      return repository;
    }

    @Override
    public Operation operation(String operationId) {
      return delegate.operation(operationId);
    }

    @Override
    public List<Operation> operations() {
      return delegate.operations();
    }

    @Override
    public List<Path> getPaths() {
      return delegate.getPaths();
    }

    @Override
    public JsonObject getRawContract() {
      return delegate.getRawContract();
    }

    @Override
    public OpenAPIVersion getVersion() {
      return delegate.getVersion();
    }

    @Override
    public List<Server> getServers() {
      return delegate.getServers();
    }

    @Override
    public Path findPath(String urlPath) {
      return delegate.findPath(urlPath);
    }

    @Override
    public Operation findOperation(String urlPath, HttpMethod method) {
      return delegate.findOperation(urlPath, method);
    }

    @Override
    public List<SecurityRequirement> getSecurityRequirements() {
      return delegate.getSecurityRequirements();
    }

    @Override
    public SecurityScheme securityScheme(String name) {
      return delegate.securityScheme(name);
    }
  }

  /**
   * A schema compared by identity: the contract hands out the same {@link JsonSchema} instance for
   * a parameter or a body every time, and hashing a schema's content per request would cost what
   * the cache saves.
   */
  private static final class IdentityKey {
    private final JsonSchema schema;

    IdentityKey(JsonSchema schema) {
      this.schema = schema;
    }

    JsonSchema schema() {
      return schema;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof IdentityKey key && key.schema == schema;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(schema);
    }
  }

  /** Validators built once per schema instance, everything else answered by the delegate. */
  private static final class Repository implements SchemaRepository {
    private final SchemaRepository delegate;
    private final Map<IdentityKey, Validator> validators = new ConcurrentHashMap<>();

    Repository(SchemaRepository delegate) {
      this.delegate = delegate;
    }

    @Override
    public Validator validator(JsonSchema schema) {
      return validators.computeIfAbsent(
          new IdentityKey(schema), key -> delegate.validator(key.schema()));
    }

    @Override
    public SchemaRepository dereference(JsonSchema schema) {
      return delegate.dereference(schema);
    }

    @Override
    public SchemaRepository dereference(String uri, JsonSchema schema) {
      return delegate.dereference(uri, schema);
    }

    @Override
    public SchemaRepository preloadMetaSchema(FileSystem fs) {
      return delegate.preloadMetaSchema(fs);
    }

    @Override
    public SchemaRepository preloadMetaSchema(FileSystem fs, Draft draft) {
      return delegate.preloadMetaSchema(fs, draft);
    }

    @Override
    public Validator validator(String ref) {
      return delegate.validator(ref);
    }

    @Override
    public Validator validator(String ref, JsonSchemaOptions options) {
      return delegate.validator(ref, options);
    }

    @Override
    public Validator validator(JsonSchema schema, JsonSchemaOptions options, boolean dereference) {
      return delegate.validator(schema, options, dereference);
    }

    @Override
    public JsonObject resolve(JsonObject schema) {
      return delegate.resolve(schema);
    }

    @Override
    public JsonSchema find(String pointer) {
      return delegate.find(pointer);
    }
  }
}
