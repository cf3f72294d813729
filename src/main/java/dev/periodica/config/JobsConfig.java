package dev.periodica.config;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Settings of job kinds.
 *
 * @param httpAllowedHosts the hosts {@code http.request} may call ({@code HTTP_JOB_ALLOWED_HOSTS}),
 *     lower-case: host names, IP addresses, {@code *.example.org} for the names under a domain, or
 *     {@code *} for any; empty (the default) turns the kind off
 */
public record JobsConfig(List<String> httpAllowedHosts) {
  private static final Pattern NAME =
      Pattern.compile("(\\*\\.)?([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?\\.)*[a-z0-9_-]{1,63}");
  private static final Pattern IPV6 = Pattern.compile("\\[?[0-9a-f:.]*:[0-9a-f:.]*]?");

  public JobsConfig {
    httpAllowedHosts = List.copyOf(httpAllowedHosts);
  }

  static JobsConfig from(JsonObject json) {
    String hosts = json.getString(ConfigKeys.HTTP_JOB_ALLOWED_HOSTS, "");
    List<String> allowed = new ArrayList<>();
    for (String entry : hosts.split(",")) {
      String host = entry.strip().toLowerCase(Locale.ROOT);
      if (host.isEmpty()) {
        continue;
      }
      if (IPV6.matcher(host).matches()) {
        host = host.replace("[", "").replace("]", "");
      } else if (!host.equals("*") && (!NAME.matcher(host).matches() || host.length() > 253)) {
        throw new IllegalArgumentException(
            ConfigKeys.HTTP_JOB_ALLOWED_HOSTS
                + " must be host names, *.domain, * or IP addresses separated by commas, got: "
                + entry.strip());
      }
      allowed.add(host);
    }
    return new JobsConfig(allowed);
  }
}
