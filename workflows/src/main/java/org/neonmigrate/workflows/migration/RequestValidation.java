package org.neonmigrate.workflows.migration;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.neonmigrate.workflows.activities.MigrationFailure;

/** Checks a {@link MigrationRequest} before the run touches any API. */
final class RequestValidation {
  private static final Pattern ORG_ID = Pattern.compile("^[a-z0-9-]{1,60}$");

  private RequestValidation() {}

  /** Throws a non-retryable {@code InvalidMigrationRequest} naming every problem found. */
  static void check(MigrationRequest request) {
    if (request == null) {
      throw MigrationFailure.InvalidMigrationRequest.failure("the migration request is missing");
    }
    List<String> problems = new ArrayList<>();
    checkOrgId("sourceOrgId", request.sourceOrgId(), problems);
    checkOrgId("destinationOrgId", request.destinationOrgId(), problems);
    if (request.sourceOrgId() != null && request.sourceOrgId().equals(request.destinationOrgId())) {
      problems.add("sourceOrgId and destinationOrgId must differ");
    }
    AzureResource azure = request.azure();
    if (azure == null) {
      problems.add("azure (subscriptionId, resourceGroup, resourceName) is required");
    } else {
      requireText("azure.subscriptionId", azure.subscriptionId(), problems);
      requireText("azure.resourceGroup", azure.resourceGroup(), problems);
      requireText("azure.resourceName", azure.resourceName(), problems);
    }
    if (!request.dryRun() && (request.requestedBy() == null || request.requestedBy().isBlank())) {
      problems.add(
          "requestedBy is required: the azure-deletion approval must come from another person"
              + " than the one who started the run");
    }
    if (!problems.isEmpty()) {
      throw MigrationFailure.InvalidMigrationRequest.failure(String.join("; ", problems));
    }
  }

  private static void checkOrgId(String field, String value, List<String> problems) {
    if (value == null || value.isBlank()) {
      problems.add(field + " is required");
    } else if (!ORG_ID.matcher(value).matches()) {
      problems.add(field + " must match " + ORG_ID.pattern());
    }
  }

  private static void requireText(String field, String value, List<String> problems) {
    if (value == null || value.isBlank()) {
      problems.add(field + " is required");
    }
  }
}
