package org.neonmigrate.api.migration;

import io.micronaut.core.annotation.Introspected;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /migrations/{id}/rejections}; the reason ends up in the report. */
@Introspected
@Schema(
    name = "Rejection",
    // unknown fields are refused (jackson fail-on-unknown-properties)
    additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
public record RejectionBody(
    @NotNull(message = "is required")
        @Pattern(regexp = InputRules.GATE, message = InputRules.GATE_MESSAGE)
        String gate,
    @NotBlank(message = "is required: say why, it goes into the report")
        @Size(max = InputRules.MAX_TEXT, message = "must be at most 2000 characters")
        String reason) {}
