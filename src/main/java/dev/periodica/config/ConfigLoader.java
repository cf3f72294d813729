package dev.periodica.config;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Loads {@code conf/config.json} (or {@code CONFIG_FILE}), then environment overrides. */
public final class ConfigLoader {
  public static final String DEFAULT_FILE = "conf/config.json";

  private ConfigLoader() {}

  public static Future<AppConfig> load(Vertx vertx) {
    String file = System.getenv().getOrDefault(ConfigKeys.CONFIG_FILE, DEFAULT_FILE);
    ConfigStoreOptions fileStore =
        new ConfigStoreOptions()
            .setType("file")
            .setFormat("json")
            .setOptional(true)
            .setConfig(new JsonObject().put("path", file));
    ConfigStoreOptions envStore =
        new ConfigStoreOptions()
            .setType("env")
            .setConfig(
                new JsonObject().put("keys", new JsonArray(ConfigKeys.ALL)).put("raw-data", true));
    ConfigRetriever retriever =
        ConfigRetriever.create(
            vertx, new ConfigRetrieverOptions().addStore(fileStore).addStore(envStore));
    return retriever.getConfig().map(AppConfig::from).onComplete(done -> retriever.close());
  }
}
