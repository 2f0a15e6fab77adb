package org.neonmigrate.api.fleet;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;
import org.neonmigrate.api.migration.InputRules;
import org.neonmigrate.workflows.fleet.DestinationRule;
import org.neonmigrate.workflows.fleet.FleetPlanRequest;
import org.neonmigrate.workflows.fleet.FleetPlanRequestValidation;

/**
 * Body of {@code POST /fleet/plan}. There is no {@code requestedBy}: that is the caller's token
 * subject. The rules are {@code FleetPlanRequestValidation}'s, checked by the controller so that a
 * 400 lists every problem at once.
 */
@Introspected
@Schema(
    name = "StartFleetPlan",
    // unknown fields are refused (jackson fail-on-unknown-properties)
    additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
public record StartFleetPlanBody(
    @Schema(
            description = "generated when absent; the plan is then at /fleet/plans/{planId}",
            pattern = InputRules.ORG_ID)
        @Nullable
        String planId,
    @ArraySchema(
            arraySchema =
                @Schema(
                    description =
                        "Azure subscription ids (GUIDs) whose Neon.Postgres resources to list",
                    requiredMode = Schema.RequiredMode.REQUIRED),
            schema = @Schema(pattern = InputRules.GUID),
            minItems = 1,
            maxItems = FleetPlanRequestValidation.MAX_SUBSCRIPTIONS,
            uniqueItems = true)
        @Nullable
        List<String> subscriptionIds,
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED) @Nullable Destination destination,
    @Schema(description = "the dryRun value of every row; default true (the batch only plans)")
        @Nullable
        Boolean dryRun) {

  /**
   * Where the orgs go: {@code {"rule":"single","orgId":...}}, {@code
   * {"rule":"by-name","mapping":{"<source org name>":"<destination org id>"}}} or {@code
   * {"rule":"none"}} (destinations left empty, to fill in the CSV).
   */
  @Introspected
  @Schema(
      name = "FleetPlanDestination",
      additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
  public record Destination(
      @Schema(
              allowableValues = {"single", "by-name", "none"},
              requiredMode = Schema.RequiredMode.REQUIRED)
          @Nullable
          String rule,
      @Schema(description = "for rule single", pattern = InputRules.ORG_ID) @Nullable String orgId,
      @Schema(description = "for rule by-name: source org name to destination org id") @Nullable
          Map<String, String> mapping) {}

  FleetPlanRequest toRequest(String planId, String requestedBy) {
    return new FleetPlanRequest(
        planId,
        subscriptionIds,
        destination == null
            ? null
            : new DestinationRule(destination.rule(), destination.orgId(), destination.mapping()),
        requestedBy,
        dryRun);
  }
}
