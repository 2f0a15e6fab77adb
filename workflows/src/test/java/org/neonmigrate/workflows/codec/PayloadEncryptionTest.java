package org.neonmigrate.workflows.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.failure.v1.Failure;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.failure.ApplicationFailure;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PayloadEncryptionTest {

  private static final String OLD = EncryptionKeys.generateEntry("k2026-01");
  private static final String NEW = EncryptionKeys.generateEntry("k2026-07");
  private static final String SECRET = "alice@contoso.example in Contoso Analytics";

  record Member(String email, String orgName) {}

  private static DataConverter converter(String entries) {
    return PayloadProtection.encrypted(EncryptionKeys.of(entries)).dataConverter();
  }

  @Test
  void anEncodedPayloadHoldsNoPlaintextAndNamesItsKey() {
    Payload payload =
        converter(OLD).toPayload(new Member("alice@contoso.example", SECRET)).orElseThrow();

    assertThat(payload.getData().toString(StandardCharsets.ISO_8859_1))
        .doesNotContain("alice")
        .doesNotContain("Contoso");
    assertThat(payload.getMetadataMap())
        .containsEntry("encoding", ByteString.copyFromUtf8("binary/encrypted"))
        .containsEntry("encryption-key-id", ByteString.copyFromUtf8("k2026-01"))
        .containsEntry("encryption-cipher", ByteString.copyFromUtf8("AES/GCM/NoPadding"));
    assertThat(converter(OLD).fromPayload(payload, Member.class, Member.class))
        .isEqualTo(new Member("alice@contoso.example", SECRET));
  }

  @Test
  void theSameValueEncryptsDifferentlyEachTime() {
    DataConverter converter = converter(OLD);
    assertThat(converter.toPayload(SECRET).orElseThrow().getData())
        .isNotEqualTo(converter.toPayload(SECRET).orElseThrow().getData());
  }

  @Test
  void afterARotationTheOldKeyStillDecryptsAndTheNewOneEncrypts() {
    Payload written = converter(OLD).toPayload(SECRET).orElseThrow();
    DataConverter rotated = converter(NEW + "," + OLD);

    assertThat(rotated.fromPayload(written, String.class, String.class)).isEqualTo(SECRET);
    assertThat(rotated.toPayload(SECRET).orElseThrow().getMetadataMap().get("encryption-key-id"))
        .isEqualTo(ByteString.copyFromUtf8("k2026-07"));
  }

  @Test
  void anUnknownKeyIdIsAClearFailure() {
    Payload written = converter(OLD).toPayload(SECRET).orElseThrow();

    assertThatThrownBy(() -> converter(NEW).fromPayload(written, String.class, String.class))
        .isInstanceOf(PayloadCodecException.class)
        .hasMessageContaining("key id 'k2026-01', which is not configured (configured: k2026-07)");
  }

  @Test
  void aKeyOfTheRightIdButOtherMaterialFailsAuthentication() {
    Payload written = converter(OLD).toPayload(SECRET).orElseThrow();
    String impostor = EncryptionKeys.generateEntry("k2026-01");

    assertThatThrownBy(() -> converter(impostor).fromPayload(written, String.class, String.class))
        .isInstanceOf(PayloadCodecException.class)
        .hasMessageContaining("fails authentication");
  }

  @Test
  void relabellingTheKeyIdOrAlteringTheDataFailsAuthentication() {
    PayloadEncryption codec = new PayloadEncryption(EncryptionKeys.of(NEW + "," + OLD));
    Payload written = codec.encode(List.of(plain(SECRET))).get(0);
    Payload relabelled =
        written.toBuilder()
            .putMetadata("encryption-key-id", ByteString.copyFromUtf8("k2026-01"))
            .build();
    byte[] data = written.getData().toByteArray();
    data[data.length - 1] ^= 1;
    Payload altered = written.toBuilder().setData(ByteString.copyFrom(data)).build();

    assertThatThrownBy(() -> codec.decode(List.of(relabelled)))
        .isInstanceOf(PayloadCodecException.class);
    assertThatThrownBy(() -> codec.decode(List.of(altered)))
        .isInstanceOf(PayloadCodecException.class)
        .hasMessageContaining("fails authentication");
  }

  @Test
  void aPayloadThatIsNotEncryptedPassesThroughDecoding() {
    Payload json = DefaultDataConverter.newDefaultInstance().toPayload(SECRET).orElseThrow();

    assertThat(new PayloadEncryption(EncryptionKeys.of(OLD)).decode(List.of(json)))
        .containsExactly(json);
    assertThat(converter(OLD).fromPayload(json, String.class, String.class)).isEqualTo(SECRET);
  }

  @Test
  void failureMessagesAndStackTracesAreEncryptedToo() {
    DataConverter converter = converter(OLD);
    Failure failure =
        converter.exceptionToFailure(
            ApplicationFailure.newNonRetryableFailure("cannot invite " + SECRET, "InviteFailed"));

    assertThat(failure.toString()).doesNotContain("alice").doesNotContain("Contoso");
    assertThat(failure.hasEncodedAttributes()).isTrue();
    assertThat(converter.failureToException(failure)).hasMessageContaining(SECRET);
  }

  @Test
  void keysComeFromTheEnvironmentAndAFileAndTheActiveOneIsChosen(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("keys");
    Files.writeString(file, "# rotated out in July\n" + OLD + "\n");
    Map<String, String> settings =
        Map.of(
            EncryptionKeys.KEYS_PROPERTY,
            NEW,
            EncryptionKeys.KEY_FILE_PROPERTY,
            file.toString(),
            EncryptionKeys.ACTIVE_KEY_PROPERTY,
            "k2026-07");

    EncryptionKeys keys = EncryptionKeys.configured(settings::get).orElseThrow();

    assertThat(keys.keyIds()).containsExactly("k2026-07", "k2026-01");
    assertThat(keys.activeKeyId()).isEqualTo("k2026-07");
    assertThat(keys.toString()).doesNotContain(NEW.substring(9)).doesNotContain(OLD.substring(9));
    assertThat(EncryptionKeys.configured(name -> null)).isEmpty();
  }

  @Test
  void badKeySettingsFailWithoutQuotingKeyMaterial() {
    String shortKey = "short=" + java.util.Base64.getEncoder().encodeToString(new byte[16]);
    assertThatThrownBy(() -> EncryptionKeys.of(shortKey))
        .hasMessageContaining("16 bytes; AES-256 needs 32")
        .hasMessageNotContaining(shortKey.substring(6));
    assertThatThrownBy(() -> EncryptionKeys.of("k1=not*base64"))
        .hasMessageContaining("is not valid base64")
        .hasMessageNotContaining("not*base64");
    assertThatThrownBy(() -> EncryptionKeys.of(OLD + "," + OLD))
        .hasMessageContaining("configured twice");
    assertThatThrownBy(
            () ->
                EncryptionKeys.configured(
                    Map.of(
                            EncryptionKeys.KEYS_PROPERTY,
                            OLD,
                            EncryptionKeys.ACTIVE_KEY_PROPERTY,
                            "k9")
                        ::get))
        .hasMessageContaining("names 'k9', which is not among the keys k2026-01");
  }

  private static Payload plain(String text) {
    return DefaultDataConverter.newDefaultInstance().toPayload(text).orElseThrow();
  }
}
