package org.neonmigrate.activities;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.neonmigrate.activities.neon.model.CreatedOrgApiKey;

/**
 * Hands new API key secrets to a human outside Temporal: one owner-only JSON-lines file per
 * destination org. Activity results carry only the file's path.
 */
@Singleton
public class ApiKeyDrop {

  /** Not retryable: a drop folder we can't write to stays that way until someone fixes it. */
  static final String UNUSABLE = "ApiKeyDropUnusable";

  private static final Set<PosixFilePermission> OWNER_DIR =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> OWNER_FILE =
      PosixFilePermissions.fromString("rw-------");

  private final Path directory;
  private final ObjectMapper json;
  private final boolean posix =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  public ApiKeyDrop(ApiKeyDropConfiguration configuration, ObjectMapper json) {
    this.directory = Path.of(configuration.dropDir());
    this.json = json;
  }

  public Path fileFor(String orgId) {
    Requests.requireOrgIds(orgId);
    return directory.resolve(orgId + "-api-keys.jsonl");
  }

  /**
   * Keys whose secrets were delivered here, by Neon key id (ids never repeat; names may): name of
   * each. Only a key listed here is one a human can pick up.
   */
  public Map<Long, String> deliveredKeys(String orgId) {
    Path file = fileFor(orgId);
    Map<Long, String> keys = new LinkedHashMap<>();
    if (!Files.exists(file)) {
      return keys;
    }
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          JsonNode entry = json.readTree(line);
          if (entry.hasNonNull("id") && entry.get("id").canConvertToLong()) {
            keys.put(entry.get("id").asLong(), entry.path("name").asText(""));
          }
        }
      }
      return keys;
    } catch (IOException e) {
      throw unusable("cannot read " + file, e);
    }
  }

  /** Appends one key and forces it to disk before the activity reports it as created. */
  public Path deliver(String orgId, CreatedOrgApiKey key) {
    Path file = fileFor(orgId);
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("org_id", orgId);
    entry.put("id", key.id());
    entry.put("name", key.name());
    entry.put("key", key.key());
    entry.put("created_at", key.createdAt());
    try {
      ensureDirectory();
      byte[] line = (json.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8);
      FileAttribute<?>[] attributes =
          posix
              ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_FILE)}
              : new FileAttribute<?>[0];
      try (FileChannel channel =
          FileChannel.open(
              file,
              Set.of(
                  StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE),
              attributes)) {
        channel.write(ByteBuffer.wrap(line));
        channel.force(true);
      }
      if (posix) {
        Files.setPosixFilePermissions(file, OWNER_FILE);
      }
      return file;
    } catch (JsonProcessingException e) {
      throw unusable("cannot encode the key entry for " + file, e);
    } catch (IOException e) {
      throw unusable("cannot write " + file, e);
    }
  }

  private void ensureDirectory() throws IOException {
    if (!Files.isDirectory(directory)) {
      if (posix) {
        Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_DIR));
      } else {
        Files.createDirectories(directory);
      }
    }
    if (posix) {
      Files.setPosixFilePermissions(directory, OWNER_DIR);
    }
  }

  private static ApplicationFailure unusable(String message, Exception cause) {
    // the cause's message names paths only; the secret never enters an exception
    return ApplicationFailure.newBuilder()
        .setType(UNUSABLE)
        .setMessage("api-keys.drop-dir: " + message + ": " + cause.getClass().getSimpleName())
        .setNonRetryable(true)
        .build();
  }
}
