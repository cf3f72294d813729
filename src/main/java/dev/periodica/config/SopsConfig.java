package dev.periodica.config;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The applications that may call the bk-sops facade ({@code BK_APPS}: {@code
 * code:secret,code2:secret2}). Secrets are kept as SHA-256 digests, compared in constant time and
 * never shown: {@link #toString()} names the codes alone.
 */
public final class SopsConfig {
  private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  private static final byte[] NO_APP = digest("\u0000no app\u0000");
  private final Map<String, byte[]> secrets;

  private SopsConfig(Map<String, byte[]> secrets) {
    this.secrets = Map.copyOf(secrets);
  }

  public static SopsConfig none() {
    return new SopsConfig(Map.of());
  }

  static SopsConfig from(JsonObject json) {
    Object value = json.getValue(ConfigKeys.BK_APPS);
    String text = value == null ? "" : value.toString();
    Map<String, byte[]> apps = new LinkedHashMap<>();
    for (String entry : text.split(",")) {
      String item = entry.strip();
      if (item.isEmpty()) {
        continue;
      }
      int colon = item.indexOf(':');
      String code = colon < 0 ? item : item.substring(0, colon).strip();
      String secret = colon < 0 ? "" : item.substring(colon + 1).strip();
      if (!CODE.matcher(code).matches() || secret.isEmpty() || apps.containsKey(code)) {
        // the entry is not echoed: it holds a secret
        throw new IllegalArgumentException(
            ConfigKeys.BK_APPS
                + " must be code:secret pairs separated by commas, each code (letters, digits,"
                + " '.', '_', '-', at most 64) once and each secret non-empty; check the entry of"
                + " code "
                + (CODE.matcher(code).matches() ? code : "#" + (apps.size() + 1)));
      }
      apps.put(code, digest(secret));
    }
    return new SopsConfig(apps);
  }

  /**
   * Whether {@code code} is a configured application and {@code secret} its secret; the time taken
   * does not depend on how much of the secret matched, nor on whether the code exists.
   */
  public boolean accepts(String code, String secret) {
    byte[] expected = code == null ? null : secrets.get(code);
    byte[] given = digest(secret == null ? "" : secret);
    boolean same = MessageDigest.isEqual(expected == null ? NO_APP : expected, given);
    return expected != null && secret != null && same;
  }

  public boolean isEmpty() {
    return secrets.isEmpty();
  }

  @Override
  public String toString() {
    return "SopsConfig" + secrets.keySet();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SopsConfig that
        && secrets.keySet().equals(that.secrets.keySet())
        && secrets.entrySet().stream()
            .allMatch(e -> MessageDigest.isEqual(e.getValue(), that.secrets.get(e.getKey())));
  }

  @Override
  public int hashCode() {
    return secrets.keySet().hashCode();
  }

  private static byte[] digest(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
