package org.neonmigrate.activities.neon.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One entry of {@code GET /organizations/{org_id}/api_keys}; org-wide when {@code projectId} is
 * null.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
public record OrgApiKey(
    long id, String name, String projectId, String createdAt, ApiKeyCreator createdBy) {

  /** {@code created_by}: the user whose key created this one. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ApiKeyCreator(String id, String name) {}

  public boolean orgWide() {
    return projectId == null || projectId.isBlank();
  }
}
