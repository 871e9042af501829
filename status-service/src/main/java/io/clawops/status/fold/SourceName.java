package io.clawops.status.fold;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/**
 * The {@code source} this instance writes into the envelopes it produces: {@code status/<host>}.
 */
@ApplicationScoped
public class SourceName {

  private final String value = "status/" + host();

  public String value() {
    return value;
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return UUID.randomUUID().toString().substring(0, 8);
    }
  }
}
