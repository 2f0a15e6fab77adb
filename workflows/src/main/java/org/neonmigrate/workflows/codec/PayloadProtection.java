package org.neonmigrate.workflows.codec;

import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.payload.codec.PayloadCodec;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How neonmigrate's payloads are stored in Temporal: encrypted when keys are configured, plain JSON
 * otherwise. The worker, the API, the bench and the sandbox build their clients from one of these,
 * so each reads what the others wrote.
 */
public final class PayloadProtection {

  private static final Logger LOG = LoggerFactory.getLogger(PayloadProtection.class);

  private final Optional<EncryptionKeys> keys;

  private PayloadProtection(Optional<EncryptionKeys> keys) {
    this.keys = keys;
  }

  /** Encryption with these keys. */
  public static PayloadProtection encrypted(EncryptionKeys keys) {
    return new PayloadProtection(Optional.of(keys));
  }

  /** Plain JSON payloads. */
  public static PayloadProtection none() {
    return new PayloadProtection(Optional.empty());
  }

  /**
   * From the {@link EncryptionKeys} properties read through {@code property}; logs whether
   * encryption is on (key ids only).
   *
   * @throws IllegalArgumentException if the key settings are wrong
   */
  public static PayloadProtection configured(Function<String, String> property) {
    PayloadProtection protection = new PayloadProtection(EncryptionKeys.configured(property));
    if (protection.isEncrypted()) {
      LOG.info("Payload encryption on: {}", protection.keys.get());
    } else {
      LOG.warn(
          "Payload encryption off: workflow inputs, results and failures are stored in Temporal as"
              + " plain JSON; set NEONMIGRATE_CODEC_KEYS or NEONMIGRATE_CODEC_KEY_FILE");
    }
    return protection;
  }

  public boolean isEncrypted() {
    return keys.isPresent();
  }

  public Optional<EncryptionKeys> keys() {
    return keys;
  }

  /**
   * JSON payloads through the codec. Failure messages and stack traces are encoded as well ({@code
   * encodeFailureAttributes}): they quote org names and emails.
   */
  public DataConverter dataConverter() {
    return keys.<DataConverter>map(
            k ->
                new CodecDataConverter(
                    DefaultDataConverter.newDefaultInstance(), List.of(codec()), true))
        .orElseGet(DefaultDataConverter::newDefaultInstance);
  }

  /** The codec alone, as a codec server applies it; passes payloads through when off. */
  public PayloadCodec codec() {
    return keys.<PayloadCodec>map(PayloadEncryption::new).orElse(PASS_THROUGH);
  }

  @Override
  public String toString() {
    return keys.map(k -> "encrypted, " + k).orElse("not encrypted");
  }

  private static final PayloadCodec PASS_THROUGH =
      new PayloadCodec() {
        @Override
        public List<Payload> encode(List<Payload> payloads) {
          return payloads;
        }

        @Override
        public List<Payload> decode(List<Payload> payloads) {
          return payloads;
        }
      };
}
