package org.neonmigrate.api.migration;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.neonmigrate.workflows.migration.MigrationRequest;

/**
 * Body of {@code POST /migrations}. There is no {@code requestedBy}: that is the caller's token
 * subject.
 */
@Introspected
@Schema(
    name = "StartMigration",
    // unknown fields are refused (jackson fail-on-unknown-properties)
    additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
public record StartMigrationBody(
    @NotNull(message = "is required")
        @Pattern(regexp = InputRules.ORG_ID, message = InputRules.ORG_ID_MESSAGE)
        String sourceOrgId,
    @NotNull(message = "is required")
        @Pattern(regexp = InputRules.ORG_ID, message = InputRules.ORG_ID_MESSAGE)
        String destinationOrgId,
    @NotNull(message = "is required") @Valid AzureResourceBody azure,
    @Schema(description = "true stops after PLAN and returns the plan")
        @NotNull(message = "is required (true for a plan only, false for the real migration)")
        Boolean dryRun,
    @Nullable Boolean replaceOrgApiKeys,
    @Nullable
        @Min(value = 1, message = "must be at least 1")
        @Max(value = 10080, message = "must be at most 10080 (a week)")
        Integer reminderIntervalMinutes) {

  public MigrationRequest toRequest(String requestedBy) {
    return new MigrationRequest(
        sourceOrgId,
        destinationOrgId,
        azure.toResource(),
        dryRun,
        requestedBy,
        Boolean.TRUE.equals(replaceOrgApiKeys),
        reminderIntervalMinutes,
        null);
  }
}
