package org.neonmigrate.workflows.codec;

import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.List;
import java.util.Optional;

/** The data converter every client and worker of neonmigrate uses, so they all read each other. */
public final class MigrationDataConverter {

  private MigrationDataConverter() {}

  /**
   * JSON payloads, encrypted when keys are configured. Failure messages and stack traces are
   * encrypted as well ({@code encodeFailureAttributes}): they quote org names and emails.
   */
  public static DataConverter of(Optional<EncryptionKeys> keys) {
    return keys.<DataConverter>map(
            k ->
                new CodecDataConverter(
                    DefaultDataConverter.newDefaultInstance(),
                    List.of(new PayloadEncryption(k)),
                    true))
        .orElseGet(DefaultDataConverter::newDefaultInstance);
  }
}
