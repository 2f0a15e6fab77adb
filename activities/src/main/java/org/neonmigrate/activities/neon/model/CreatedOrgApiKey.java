package org.neonmigrate.activities.neon.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Body of a created org API key: {@code key} is the secret, shown by Neon only this once. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CreatedOrgApiKey(long id, String key, String name, String createdAt) {

  /** Keeps the secret out of any log line or exception message that prints this record. */
  @Override
  public String toString() {
    return "CreatedOrgApiKey[id=" + id + ", name=" + name + ", createdAt=" + createdAt + "]";
  }
}
