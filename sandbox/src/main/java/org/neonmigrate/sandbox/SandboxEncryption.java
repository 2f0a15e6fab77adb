package org.neonmigrate.sandbox;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.neonmigrate.sandbox.temporal.EmbeddedTemporal;
import org.neonmigrate.sandbox.temporal.SandboxTemporal;
import org.neonmigrate.workflows.codec.EncryptionKeys;
import org.neonmigrate.workflows.codec.PayloadProtection;

/**
 * The sandbox's payload encryption: on unless {@code --no-encryption}, with a generated key. A
 * server that keeps runs gets its key saved beside them (in the {@code --temporal-dir}), so the
 * next sandbox still reads them; the in-memory server's key lives as long as the process.
 *
 * @param protection what the sandbox's own clients (the bench, tests) use
 * @param properties what the worker and the REST API are configured with
 * @param description one line for the quick start
 */
record SandboxEncryption(
    PayloadProtection protection, Map<String, Object> properties, String description) {

  static final String KEY_FILE = "codec-keys";

  static SandboxEncryption choose(SandboxOptions options, SandboxTemporal temporal)
      throws IOException {
    return choose(options, !(temporal instanceof EmbeddedTemporal));
  }

  /**
   * @param keepsRuns whether the server keeps runs beyond this process (then the key is saved)
   */
  static SandboxEncryption choose(SandboxOptions options, boolean keepsRuns) throws IOException {
    if (options.noEncryption()) {
      return new SandboxEncryption(
          PayloadProtection.none(),
          Map.of(),
          "off (--no-encryption): payloads are plain JSON in Temporal");
    }
    if (!keepsRuns) {
      String entry = EncryptionKeys.generateEntry(keyId());
      EncryptionKeys keys = EncryptionKeys.of(entry);
      return new SandboxEncryption(
          PayloadProtection.encrypted(keys),
          Map.of(EncryptionKeys.KEYS_PROPERTY, entry),
          "on, AES-256-GCM, key " + keys.activeKeyId() + " generated for this run (not saved)");
    }
    Path file = options.temporal().dataDir().toAbsolutePath().resolve(KEY_FILE);
    boolean created = createKeyFile(file);
    Map<String, Object> properties = Map.of(EncryptionKeys.KEY_FILE_PROPERTY, file.toString());
    EncryptionKeys keys =
        EncryptionKeys.configured(name -> (String) properties.get(name)).orElseThrow();
    return new SandboxEncryption(
        PayloadProtection.encrypted(keys),
        properties,
        "on, AES-256-GCM, key "
            + keys.activeKeyId()
            + (created ? " generated now into " : " from ")
            + file);
  }

  /**
   * The {@link #properties()} as environment variables, for worker processes: key material in a
   * command line would be visible to every user of the machine.
   */
  Map<String, String> environment() {
    Map<String, String> env = new java.util.LinkedHashMap<>();
    properties.forEach(
        (name, value) ->
            env.put(
                name.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_'),
                String.valueOf(value)));
    return env;
  }

  private static boolean createKeyFile(Path file) throws IOException {
    if (Files.exists(file)) {
      return false;
    }
    Files.createDirectories(file.getParent());
    try {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (UnsupportedOperationException e) {
      Files.createFile(file);
    }
    Files.writeString(
        file,
        "# neonmigrate sandbox payload key; runs in this folder's temporal.db need it to be read\n"
            + EncryptionKeys.generateEntry(keyId())
            + "\n");
    return true;
  }

  private static String keyId() {
    return "sandbox-" + LocalDate.now(ZoneOffset.UTC);
  }
}
