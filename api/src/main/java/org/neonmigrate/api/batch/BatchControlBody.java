package org.neonmigrate.api.batch;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;
import org.neonmigrate.api.migration.InputRules;

/** Optional body of {@code POST /batches/{id}/pause} and {@code /resume}. */
@Introspected
@Schema(
    name = "BatchControl",
    // unknown fields are refused (jackson fail-on-unknown-properties)
    additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
public record BatchControlBody(
    @Nullable @Size(max = InputRules.MAX_TEXT, message = "must be at most 2000 characters")
        String reason) {}
