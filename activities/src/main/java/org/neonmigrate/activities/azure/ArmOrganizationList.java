package org.neonmigrate.activities.azure;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** One page of a {@code Neon.Postgres/organizations} listing, and the link to the next if any. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ArmOrganizationList(List<ArmOrganization> value, String nextLink) {}
