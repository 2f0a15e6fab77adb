package org.neonmigrate.activities.notify;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook's signature: {@code X-Neonmigrate-Signature: sha256=<hex>}, the lower-case hex
 * HMAC-SHA256, keyed by the configured secret, of {@code <X-Neonmigrate-Timestamp>.<raw body>}. The
 * timestamp (Unix seconds) is signed too, so a receiver that refuses old timestamps also refuses a
 * replayed delivery.
 */
public final class WebhookSignature {
  public static final String SIGNATURE_HEADER = "X-Neonmigrate-Signature";
  public static final String TIMESTAMP_HEADER = "X-Neonmigrate-Timestamp";
  public static final String DELIVERY_HEADER = "X-Neonmigrate-Delivery";
  private static final String ALGORITHM = "HmacSHA256";
  private static final String PREFIX = "sha256=";

  private WebhookSignature() {}

  /** The header value for {@code body} sent at {@code timestampSeconds}. */
  public static String sign(String secret, long timestampSeconds, byte[] body) {
    return PREFIX + HexFormat.of().formatHex(mac(secret, timestampSeconds, body));
  }

  /** True when {@code header} is the signature of {@code body} at {@code timestampSeconds}. */
  public static boolean verify(String secret, long timestampSeconds, byte[] body, String header) {
    if (header == null || !header.startsWith(PREFIX)) {
      return false;
    }
    byte[] given;
    try {
      given = HexFormat.of().parseHex(header.substring(PREFIX.length()));
    } catch (IllegalArgumentException notHex) {
      return false;
    }
    // constant time, so the comparison does not leak how much of a forgery was right
    return MessageDigest.isEqual(given, mac(secret, timestampSeconds, body));
  }

  private static byte[] mac(String secret, long timestampSeconds, byte[] body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
      mac.update((timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }
}
