package org.neonmigrate.workflows.fleet;

import java.util.Map;

/**
 * Which Neon-managed org each planned row moves into.
 *
 * @param rule {@value #SINGLE} (every org into {@code orgId}), {@value #BY_NAME} (the source org's
 *     name looked up in {@code mapping}) or {@value #NONE} (left empty, to fill in the CSV)
 * @param orgId the destination of rule {@value #SINGLE}
 * @param mapping source org name to destination org id, for rule {@value #BY_NAME}
 */
public record DestinationRule(String rule, String orgId, Map<String, String> mapping) {

  public static final String SINGLE = "single";
  public static final String BY_NAME = "by-name";
  public static final String NONE = "none";

  /** The destination of a source org by its name, or null when the rule gives none. */
  public String destinationFor(String sourceOrgName) {
    return switch (rule) {
      case SINGLE -> orgId;
      case BY_NAME -> mapping == null || sourceOrgName == null ? null : mapping.get(sourceOrgName);
      default -> null;
    };
  }
}
