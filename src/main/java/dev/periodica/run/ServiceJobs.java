package dev.periodica.run;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the service codes of seed 003 ({@code svcscriptcode}) run: a job kind and its params per
 * code ({@code SERVICE_JOBS}). A code with no entry is still stored; its task runs {@link
 * #UNCONFIGURED}, which ends every run {@code error} naming the code and the setting.
 */
public final class ServiceJobs {
  /** The kind of a service task whose code names no job. */
  public static final String UNCONFIGURED = "service.unconfigured";

  /** The params key of {@link #UNCONFIGURED} naming the code. */
  public static final String CODE = "code";

  private final Map<String, ServiceJob> codes;

  /** A code's job kind and params. */
  public record ServiceJob(String job, JsonObject params) {
    public ServiceJob {
      params = params == null ? new JsonObject() : params.copy();
    }
  }

  public ServiceJobs(Map<String, ServiceJob> codes) {
    this.codes = Map.copyOf(codes);
  }

  public static ServiceJobs none() {
    return new ServiceJobs(Map.of());
  }

  /** The job a code runs: its entry, or {@link #UNCONFIGURED} with the code as param. */
  public ServiceJob resolve(String code) {
    return Optional.ofNullable(codes.get(code))
        .orElseGet(() -> new ServiceJob(UNCONFIGURED, new JsonObject().put(CODE, code)));
  }

  public List<String> codes() {
    return List.copyOf(new TreeMap<>(codes).keySet());
  }

  /**
   * Checks every entry against the registry when the server starts: the kind exists and needs no
   * report (a service task has none), and its params are not refused outright.
   *
   * @throws IllegalArgumentException naming the code, the kind and the setting
   */
  public ServiceJobs checkedAgainst(JobCatalog catalog, String setting) {
    for (var entry : new TreeMap<>(codes).entrySet()) {
      String job = entry.getValue().job();
      JobKind kind =
          catalog
              .find(job)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          setting
                              + ": code "
                              + entry.getKey()
                              + " names job "
                              + job
                              + ", which is not one of "
                              + String.join(", ", catalog.names())));
      if (kind.needsReport()) {
        throw new IllegalArgumentException(
            setting + ": code " + entry.getKey() + " names job " + job + ", which needs a report");
      }
      var checked = kind.checkParams(entry.getValue().params());
      if (checked.failed()) {
        throw new IllegalArgumentException(
            setting + ": code " + entry.getKey() + ": " + checked.cause().getMessage());
      }
    }
    return this;
  }
}
