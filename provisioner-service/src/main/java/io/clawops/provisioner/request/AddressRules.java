package io.clawops.provisioner.request;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Which network addresses a repository may be fetched from: public unicast only, unless its host is
 * listed as private; cloud metadata endpoints never, whatever the configuration says.
 */
final class AddressRules {

  private AddressRules() {}

  /** True for the instance-metadata endpoints of the common clouds, refused for every host. */
  static boolean isMetadata(InetAddress address) {
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      int a0 = b[0] & 0xff;
      int a1 = b[1] & 0xff;
      // 169.254.0.0/16 holds AWS, GCP and Azure metadata; 100.100.100.200 is Alibaba's.
      return (a0 == 169 && a1 == 254)
          || (a0 == 100 && a1 == 100 && (b[2] & 0xff) == 100 && (b[3] & 0xff) == 200);
    }
    // fd00:ec2::254, AWS's IPv6 metadata endpoint, and every IPv6 link-local address.
    return address.isLinkLocalAddress()
        || (b[0] == (byte) 0xfd && b[1] == 0 && b[2] == 0x0e && b[3] == (byte) 0xc2);
  }

  /** True when {@code address} is reachable only from inside a host or a private network. */
  static boolean isNonPublic(InetAddress address) {
    if (address.isAnyLocalAddress()
        || address.isLoopbackAddress()
        || address.isLinkLocalAddress()
        || address.isSiteLocalAddress()
        || address.isMulticastAddress()
        || isMetadata(address)) {
      return true;
    }
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      int a0 = b[0] & 0xff;
      int a1 = b[1] & 0xff;
      return a0 == 0 // this network
          || (a0 == 100 && a1 >= 64 && a1 < 128) // shared address space (carrier NAT)
          || (a0 == 192 && a1 == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
          || (a0 == 198 && (a1 == 18 || a1 == 19)) // benchmarking
          || a0 >= 240; // reserved and broadcast
    }
    if (address instanceof Inet6Address v6) {
      if (v6.isIPv4CompatibleAddress()) {
        return true;
      }
      return (b[0] & 0xfe) == 0xfc // unique local fc00::/7
          || ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) // site-local fec0::/10
          || ((b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff); // NAT64
    }
    return true;
  }
}
