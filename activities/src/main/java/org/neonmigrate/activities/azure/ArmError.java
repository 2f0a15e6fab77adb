package org.neonmigrate.activities.azure;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** ARM's common {@code ErrorResponse} body. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ArmError(Detail error) {

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Detail(String code, String message) {}
}
