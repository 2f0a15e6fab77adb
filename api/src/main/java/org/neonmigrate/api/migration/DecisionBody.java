package org.neonmigrate.api.migration;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /migrations/{id}/approvals}. */
@Introspected
@Schema(
    name = "Approval",
    // unknown fields are refused (jackson fail-on-unknown-properties)
    additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
public record DecisionBody(
    @NotNull(message = "is required")
        @Pattern(regexp = InputRules.GATE, message = InputRules.GATE_MESSAGE)
        String gate,
    @Nullable @Size(max = InputRules.MAX_TEXT, message = "must be at most 2000 characters")
        String comment) {}
