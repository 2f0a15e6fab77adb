package org.neonmigrate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.common.v1.Payload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neonmigrate.workflows.codec.EncryptionKeys;

class SandboxEncryptionTest {

  private static SandboxOptions options(Path dir, String... more) throws Exception {
    String[] args = new String[2 + more.length];
    args[0] = "--temporal-dir";
    args[1] = dir.toString();
    System.arraycopy(more, 0, args, 2, more.length);
    return SandboxOptions.parse(args);
  }

  @Test
  void aServerThatKeepsRunsGetsAKeyFileOnlyItsOwnerReadsAndTheNextSandboxReusesIt(@TempDir Path dir)
      throws Exception {
    SandboxEncryption first = SandboxEncryption.choose(options(dir), true);
    Path file = dir.resolve(SandboxEncryption.KEY_FILE);

    assertThat(first.protection().isEncrypted()).isTrue();
    assertThat(first.description()).contains("generated now into " + file);
    assertThat(first.properties()).containsEntry(EncryptionKeys.KEY_FILE_PROPERTY, file.toString());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    Payload written =
        first.protection().dataConverter().toPayload("dana@example.com").orElseThrow();

    SandboxEncryption second = SandboxEncryption.choose(options(dir), true);
    assertThat(second.description()).contains("from " + file);
    assertThat(second.protection().dataConverter().fromPayload(written, String.class, String.class))
        .isEqualTo("dana@example.com");
    // worker processes get the file's path, never key material, in their environment
    assertThat(second.environment())
        .containsOnlyKeys("NEONMIGRATE_CODEC_KEY_FILE")
        .containsValue(file.toString());
  }

  @Test
  void theInMemoryServersKeyIsNotSaved(@TempDir Path dir) throws Exception {
    SandboxEncryption encryption = SandboxEncryption.choose(options(dir), false);
    assertThat(encryption.protection().isEncrypted()).isTrue();
    assertThat(encryption.description()).contains("not saved");
    assertThat(dir.resolve(SandboxEncryption.KEY_FILE)).doesNotExist();
    assertThat(encryption.environment()).containsOnlyKeys("NEONMIGRATE_CODEC_KEYS");
  }

  @Test
  void noEncryptionMeansPlainJson(@TempDir Path dir) throws Exception {
    SandboxEncryption off = SandboxEncryption.choose(options(dir, "--no-encryption"), true);
    assertThat(off.protection().isEncrypted()).isFalse();
    assertThat(off.properties()).isEmpty();
    assertThat(off.description()).contains("--no-encryption");
    assertThat(dir.resolve(SandboxEncryption.KEY_FILE)).doesNotExist();
  }
}
