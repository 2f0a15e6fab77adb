package org.neonmigrate.activities;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.stream.Collectors;
import org.neonmigrate.activities.neon.model.Endpoint;

/** A short fingerprint of a project's endpoint hosts: equal before and after a transfer. */
public final class EndpointDigest {

  /** 16 hex characters (64 bits): plenty to tell changed hosts apart, small in history. */
  static final int LENGTH = 16;

  private EndpointDigest() {}

  public static String of(Collection<Endpoint> endpoints) {
    String canonical =
        endpoints.stream()
            .map(e -> e.id() + "=" + e.host())
            .sorted()
            .collect(Collectors.joining("\n"));
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash).substring(0, LENGTH);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-256", e);
    }
  }
}
