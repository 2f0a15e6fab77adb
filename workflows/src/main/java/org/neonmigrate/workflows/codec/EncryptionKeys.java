package org.neonmigrate.workflows.codec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 keys payloads are encrypted with: the active one encrypts, every configured one
 * decrypts, so runs written before a rotation stay readable. Configured by the same three
 * properties in the worker, the API and the sandbox (environment variables in parentheses):
 *
 * <ul>
 *   <li>{@value #KEYS_PROPERTY} ({@code NEONMIGRATE_CODEC_KEYS}): {@code id=base64key} entries
 *       separated by commas or new lines
 *   <li>{@value #KEY_FILE_PROPERTY} ({@code NEONMIGRATE_CODEC_KEY_FILE}): a file of such entries,
 *       one a line, {@code #} starts a comment
 *   <li>{@value #ACTIVE_KEY_PROPERTY} ({@code NEONMIGRATE_CODEC_ACTIVE_KEY_ID}): the key that
 *       encrypts; the first one listed when unset
 * </ul>
 *
 * Nothing here ever prints key material: {@link #toString()} and every error name key ids only.
 */
public final class EncryptionKeys {

  public static final String KEYS_PROPERTY = "neonmigrate.codec.keys";
  public static final String KEY_FILE_PROPERTY = "neonmigrate.codec.key-file";
  public static final String ACTIVE_KEY_PROPERTY = "neonmigrate.codec.active-key-id";

  private static final int KEY_BYTES = 32;
  private static final Pattern KEY_ID = Pattern.compile("^[A-Za-z0-9._-]{1,64}$");
  private static final Pattern ENTRY_SEPARATOR = Pattern.compile("[,\\n]");

  private final Map<String, SecretKey> keys;
  private final String activeKeyId;

  private EncryptionKeys(Map<String, SecretKey> keys, String activeKeyId) {
    this.keys = Collections.unmodifiableMap(keys);
    this.activeKeyId = activeKeyId;
  }

  /**
   * The keys the three properties configure, read through {@code property} (which answers null for
   * an unset one); empty when neither keys nor a key file is configured.
   *
   * @throws IllegalArgumentException if an entry, the file or the active key id is wrong
   */
  public static Optional<EncryptionKeys> configured(Function<String, String> property) {
    String inline = blankToNull(property.apply(KEYS_PROPERTY));
    String file = blankToNull(property.apply(KEY_FILE_PROPERTY));
    if (inline == null && file == null) {
      return Optional.empty();
    }
    Map<String, SecretKey> keys = new LinkedHashMap<>();
    if (inline != null) {
      parseEntries(inline, KEYS_PROPERTY, keys);
    }
    if (file != null) {
      parseEntries(readKeyFile(Path.of(file)), "key file " + file, keys);
    }
    if (keys.isEmpty()) {
      throw new IllegalArgumentException(
          KEYS_PROPERTY + " / " + KEY_FILE_PROPERTY + " are set but hold no key");
    }
    String active = blankToNull(property.apply(ACTIVE_KEY_PROPERTY));
    if (active == null) {
      active = keys.keySet().iterator().next();
    } else if (!keys.containsKey(active)) {
      throw new IllegalArgumentException(
          ACTIVE_KEY_PROPERTY
              + " names '"
              + active
              + "', which is not among the keys "
              + ids(keys));
    }
    return Optional.of(new EncryptionKeys(keys, active));
  }

  /** Keys from one {@code id=base64key,...} text, the first one active (tests, the sandbox). */
  public static EncryptionKeys of(String entries) {
    return configured(name -> KEYS_PROPERTY.equals(name) ? entries : null).orElseThrow();
  }

  /** A new random key as a configuration entry, {@code id=base64key}. */
  public static String generateEntry(String id) {
    if (!KEY_ID.matcher(id).matches()) {
      throw new IllegalArgumentException("a key id is 1-64 of A-Z a-z 0-9 . _ -");
    }
    byte[] key = new byte[KEY_BYTES];
    new SecureRandom().nextBytes(key);
    return id + "=" + Base64.getEncoder().encodeToString(key);
  }

  public String activeKeyId() {
    return activeKeyId;
  }

  SecretKey activeKey() {
    return keys.get(activeKeyId);
  }

  Optional<SecretKey> key(String id) {
    return Optional.ofNullable(keys.get(id));
  }

  public Set<String> keyIds() {
    return keys.keySet();
  }

  @Override
  public String toString() {
    return "EncryptionKeys[active=" + activeKeyId + ", ids=" + ids(keys) + "]";
  }

  private static void parseEntries(String text, String source, Map<String, SecretKey> into) {
    int number = 0;
    for (String raw : ENTRY_SEPARATOR.split(text)) {
      number++;
      String entry = raw.strip();
      if (entry.isEmpty() || entry.startsWith("#")) {
        continue;
      }
      int eq = entry.indexOf('=');
      String where = source + " entry " + number;
      if (eq <= 0) {
        throw new IllegalArgumentException(where + " is not id=base64key");
      }
      String id = entry.substring(0, eq).strip();
      if (!KEY_ID.matcher(id).matches()) {
        throw new IllegalArgumentException(where + ": a key id is 1-64 of A-Z a-z 0-9 . _ -");
      }
      byte[] material;
      try {
        material = Base64.getDecoder().decode(entry.substring(eq + 1).strip());
      } catch (IllegalArgumentException e) {
        // the message of the decoder could quote the material, so it is not passed on
        throw new IllegalArgumentException(where + " (key " + id + ") is not valid base64");
      }
      if (material.length != KEY_BYTES) {
        throw new IllegalArgumentException(
            where + " (key " + id + ") is " + material.length + " bytes; AES-256 needs 32");
      }
      if (into.putIfAbsent(id, new SecretKeySpec(material, "AES")) != null) {
        throw new IllegalArgumentException(where + ": key id " + id + " is configured twice");
      }
    }
  }

  private static String readKeyFile(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the key file " + file + ": " + e, e);
    }
  }

  private static String ids(Map<String, SecretKey> keys) {
    return String.join(", ", keys.keySet());
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
