package org.neonmigrate.workflows.codec;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.List;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts each whole payload (its metadata and data) with AES-256-GCM under the active key of
 * {@link EncryptionKeys}; the result names its key in the metadata so any configured key can
 * decrypt it later. Payloads that are not encrypted pass through decoding unchanged (histories
 * written before encryption was turned on).
 */
public final class PayloadEncryption implements PayloadCodec {

  public static final String ENCODING_KEY = "encoding";
  public static final String ENCODING = "binary/encrypted";
  public static final String KEY_ID_KEY = "encryption-key-id";
  public static final String CIPHER_KEY = "encryption-cipher";
  public static final String CIPHER = "AES/GCM/NoPadding";

  private static final ByteString ENCODING_BYTES = ByteString.copyFromUtf8(ENCODING);
  private static final ByteString CIPHER_BYTES = ByteString.copyFromUtf8(CIPHER);
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final EncryptionKeys keys;
  private final SecureRandom random = new SecureRandom();

  public PayloadEncryption(EncryptionKeys keys) {
    this.keys = keys;
  }

  @Override
  public List<Payload> encode(List<Payload> payloads) {
    return payloads.stream().map(this::encrypt).toList();
  }

  @Override
  public List<Payload> decode(List<Payload> payloads) {
    return payloads.stream().map(this::decrypt).toList();
  }

  /** True for a payload this codec wrote (whatever key it used). */
  public static boolean isEncrypted(Payload payload) {
    return ENCODING_BYTES.equals(payload.getMetadataMap().get(ENCODING_KEY));
  }

  private Payload encrypt(Payload plain) {
    String keyId = keys.activeKeyId();
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    byte[] sealed = run(Cipher.ENCRYPT_MODE, keys.activeKey(), nonce, keyId, plain.toByteArray());
    byte[] data = new byte[NONCE_BYTES + sealed.length];
    System.arraycopy(nonce, 0, data, 0, NONCE_BYTES);
    System.arraycopy(sealed, 0, data, NONCE_BYTES, sealed.length);
    return Payload.newBuilder()
        .putMetadata(ENCODING_KEY, ENCODING_BYTES)
        .putMetadata(CIPHER_KEY, CIPHER_BYTES)
        .putMetadata(KEY_ID_KEY, ByteString.copyFromUtf8(keyId))
        .setData(ByteString.copyFrom(data))
        .build();
  }

  private Payload decrypt(Payload payload) {
    if (!isEncrypted(payload)) {
      return payload;
    }
    ByteString cipher = payload.getMetadataMap().get(CIPHER_KEY);
    if (cipher != null && !CIPHER_BYTES.equals(cipher)) {
      throw new PayloadCodecException(
          "payload encrypted with cipher "
              + cipher.toStringUtf8()
              + "; only "
              + CIPHER
              + " is known");
    }
    ByteString keyIdBytes = payload.getMetadataMap().get(KEY_ID_KEY);
    if (keyIdBytes == null) {
      throw new PayloadCodecException("encrypted payload without " + KEY_ID_KEY);
    }
    String keyId = keyIdBytes.toStringUtf8();
    SecretKey key =
        keys.key(keyId)
            .orElseThrow(
                () ->
                    new PayloadCodecException(
                        "payload encrypted with key id '"
                            + keyId
                            + "', which is not configured (configured: "
                            + String.join(", ", keys.keyIds())
                            + ")"));
    byte[] data = payload.getData().toByteArray();
    if (data.length < NONCE_BYTES + TAG_BITS / 8) {
      throw new PayloadCodecException("encrypted payload too short to hold a nonce and a tag");
    }
    byte[] nonce = new byte[NONCE_BYTES];
    System.arraycopy(data, 0, nonce, 0, NONCE_BYTES);
    byte[] sealed = new byte[data.length - NONCE_BYTES];
    System.arraycopy(data, NONCE_BYTES, sealed, 0, sealed.length);
    byte[] plain = run(Cipher.DECRYPT_MODE, key, nonce, keyId, sealed);
    try {
      return Payload.parseFrom(plain);
    } catch (InvalidProtocolBufferException e) {
      throw new PayloadCodecException("decrypted payload is not a Temporal payload", e);
    }
  }

  private static byte[] run(int mode, SecretKey key, byte[] nonce, String keyId, byte[] input) {
    try {
      Cipher cipher = Cipher.getInstance(CIPHER);
      cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
      // the key id is authenticated too: relabelling a payload with another id fails to decrypt
      cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
      return cipher.doFinal(input);
    } catch (AEADBadTagException e) {
      throw new PayloadCodecException(
          "payload encrypted with key id '"
              + keyId
              + "' fails authentication: the configured key of that id differs from the one that"
              + " encrypted it, or the payload was altered");
    } catch (GeneralSecurityException e) {
      throw new PayloadCodecException("AES-GCM is unavailable in this JVM: " + e, e);
    }
  }
}
