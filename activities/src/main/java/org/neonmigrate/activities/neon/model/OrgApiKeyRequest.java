package org.neonmigrate.activities.neon.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Body of {@code POST /organizations/{org_id}/api_keys}; no project id makes an org-wide key. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record OrgApiKeyRequest(String keyName) {}
