package org.neonmigrate.api.migration;

import io.micronaut.core.annotation.Introspected;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.neonmigrate.workflows.migration.AzureResource;

/** The {@code Neon.Postgres/organizations} resource to delete at the end. */
@Introspected
@Schema(
    name = "AzureResource",
    // unknown fields are refused (jackson fail-on-unknown-properties)
    additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
public record AzureResourceBody(
    @NotNull(message = "is required")
        @Pattern(regexp = InputRules.GUID, message = InputRules.GUID_MESSAGE)
        String subscriptionId,
    @NotNull(message = "is required")
        @Pattern(regexp = InputRules.RESOURCE_GROUP, message = InputRules.RESOURCE_GROUP_MESSAGE)
        String resourceGroup,
    @NotNull(message = "is required")
        @Pattern(regexp = InputRules.RESOURCE_NAME, message = InputRules.RESOURCE_NAME_MESSAGE)
        String resourceName) {

  public AzureResource toResource() {
    return new AzureResource(subscriptionId, resourceGroup, resourceName);
  }
}
