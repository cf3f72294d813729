package dev.periodica.job;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which hosts {@code http.request} may call ({@code HTTP_JOB_ALLOWED_HOSTS}): a host must match an
 * entry (a name or address, {@code *.example.org} for the names under a domain, {@code *} for any),
 * and an address on this machine or a private network (loopback, link-local, private and unique
 * local ranges, carrier-grade NAT, unspecified, multicast, and IPv6 addresses carrying such an IPv4
 * address: mapped, compatible, NAT64, 6to4) only when the host itself or that address is listed as
 * it is, never through a pattern. The check is applied to the URL's host when the task is saved and
 * to each address it resolves to when it runs, so a name that later resolves somewhere private (DNS
 * rebinding) is still refused.
 */
final class HttpHosts {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private final List<String> entries;

  HttpHosts(List<String> entries) {
    this.entries = entries.stream().map(entry -> entry.toLowerCase(Locale.ROOT)).toList();
  }

  boolean disabled() {
    return entries.isEmpty();
  }

  /** Whether {@code host} (a name or an address, lower-case, IPv6 without brackets) matches. */
  boolean allows(String host) {
    for (String entry : entries) {
      if (entry.equals("*")
          || entry.equals(host)
          || (entry.startsWith("*.") && host.endsWith(entry.substring(1)))) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code host} is listed as it is, not only matched by a pattern. */
  boolean listsExactly(String host) {
    return entries.contains(host);
  }

  /**
   * Why {@code address}, which {@code host} names or resolves to, may not be called: the kind of
   * range it is in; empty when it may.
   */
  Optional<String> refusal(String host, InetAddress address) {
    Optional<String> range = restrictedRange(address);
    if (range.isEmpty() || listsExactly(host) || listsExactly(address.getHostAddress())) {
      return Optional.empty();
    }
    return range;
  }

  /** The address {@code host} spells out (an IPv4 or IPv6 literal), without any lookup. */
  static Optional<InetAddress> literal(String host) {
    if (!IPV4.matcher(host).matches() && !host.contains(":")) {
      return Optional.empty();
    }
    // a zone (fe80::1%25eth0) names an interface of this machine, not another address
    int zone = host.indexOf('%');
    String address = zone >= 0 && host.contains(":") ? host.substring(0, zone) : host;
    try {
      // a literal is parsed, never looked up
      return Optional.of(InetAddress.getByName(address));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  /** The restricted range {@code address} is in, named for messages; empty for a public one. */
  static Optional<String> restrictedRange(InetAddress address) {
    if (address.isLoopbackAddress()) {
      return Optional.of("loopback");
    }
    if (address.isLinkLocalAddress()) {
      return Optional.of("link-local");
    }
    if (address.isAnyLocalAddress()) {
      return Optional.of("unspecified");
    }
    if (address.isMulticastAddress()) {
      return Optional.of("multicast");
    }
    byte[] bytes = address.getAddress();
    if (address.isSiteLocalAddress()) {
      return Optional.of("private");
    }
    if (address instanceof Inet4Address) {
      int first = bytes[0] & 0xff;
      int second = bytes[1] & 0xff;
      if (first == 0) {
        return Optional.of("unspecified");
      }
      if (first == 100 && second >= 64 && second < 128) {
        return Optional.of("private"); // carrier-grade NAT, 100.64.0.0/10
      }
      if (first >= 240) {
        return Optional.of("reserved");
      }
    }
    if (address instanceof Inet6Address) {
      if ((bytes[0] & 0xfe) == 0xfc) {
        return Optional.of("private"); // unique local, fc00::/7
      }
      if ((bytes[0] & 0xff) == 0x00
          && (bytes[1] & 0xff) == 0x64
          && (bytes[2] & 0xff) == 0xff
          && (bytes[3] & 0xff) == 0x9b
          && (bytes[4] & 0xff) == 0x00
          && (bytes[5] & 0xff) == 0x01) {
        return Optional.of("private"); // local-use NAT64, 64:ff9b:1::/48, any IPv4 behind it
      }
      if (isEmbeddedIpv4(bytes) || isNat64(bytes)) {
        return embeddedRange(bytes, 12);
      }
      if ((bytes[0] & 0xff) == 0x20 && (bytes[1] & 0xff) == 0x02) {
        return embeddedRange(bytes, 2); // 6to4, 2002:a.b.c.d::/48, relayed to a.b.c.d
      }
    }
    return Optional.empty();
  }

  /** The range of the IPv4 address an IPv6 address carries at {@code offset}. */
  private static Optional<String> embeddedRange(byte[] bytes, int offset) {
    try {
      byte[] v4 = java.util.Arrays.copyOfRange(bytes, offset, offset + 4);
      return restrictedRange(InetAddress.getByAddress(v4));
    } catch (UnknownHostException e) {
      return Optional.of("reserved");
    }
  }

  /** 64:ff9b::a.b.c.d: the well-known NAT64 prefix, which a NAT64 gateway turns into a.b.c.d. */
  private static boolean isNat64(byte[] bytes) {
    if ((bytes[0] & 0xff) != 0x00
        || (bytes[1] & 0xff) != 0x64
        || (bytes[2] & 0xff) != 0xff
        || (bytes[3] & 0xff) != 0x9b) {
      return false;
    }
    for (int i = 4; i < 12; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return true;
  }

  /** ::ffff:a.b.c.d and ::a.b.c.d carry an IPv4 address, checked as one. */
  private static boolean isEmbeddedIpv4(byte[] bytes) {
    for (int i = 0; i < 10; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return (bytes[10] == 0 && bytes[11] == 0)
        || (bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff);
  }
}
