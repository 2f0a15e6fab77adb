package org.neonmigrate.activities.neon.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** Body of {@code GET /users/me/organizations}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NeonOrganizationList(List<NeonOrganization> organizations) {}
