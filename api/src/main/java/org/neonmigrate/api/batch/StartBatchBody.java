package org.neonmigrate.api.batch;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.neonmigrate.api.migration.InputRules;
import org.neonmigrate.api.migration.StartMigrationBody;
import org.neonmigrate.workflows.batch.BatchRequest;

/**
 * Body of {@code POST /batches}. Each migration has the fields and rules of {@code POST
 * /migrations}; they are checked row by row (see {@link BatchRows}) so a problem names its row.
 */
@Introspected
@Schema(
    name = "StartBatch",
    // unknown fields are refused (jackson fail-on-unknown-properties)
    additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
public record StartBatchBody(
    @Schema(description = "generated when absent")
        @Nullable
        @Pattern(regexp = InputRules.ORG_ID, message = InputRules.ORG_ID_MESSAGE)
        String batchId,
    @Schema(
            description =
                "runs of the whole batch working at once; a run waiting for a human does not count")
        @Nullable
        @Min(value = 1, message = "must be at least 1")
        @Max(value = BatchRequest.MAX_CONCURRENCY, message = "must be at most 200")
        Integer concurrency,
    @NotNull(message = "is required") List<StartMigrationBody> migrations) {}
