package org.neonmigrate.api.migration;

/** The shapes the API accepts, with messages that name the rule. */
public final class InputRules {

  public static final String ORG_ID = "^[a-z0-9-]{1,60}$";
  public static final String ORG_ID_MESSAGE =
      "must be 1 to 60 characters of lowercase letters, digits and hyphens";

  public static final String GUID =
      "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";
  public static final String GUID_MESSAGE =
      "must be an Azure subscription id (a GUID like 00000000-0000-0000-0000-000000000000)";

  // Azure: letters, digits, underscores, parentheses, hyphens and periods, not ending in a period
  public static final String RESOURCE_GROUP = "^[\\p{L}\\p{N}_().\\-]{0,89}[\\p{L}\\p{N}_()\\-]$";
  public static final String RESOURCE_GROUP_MESSAGE =
      "must be 1 to 90 letters, digits, underscores, parentheses, hyphens or periods, and must"
          + " not end with a period";

  public static final String RESOURCE_NAME = "^[a-zA-Z0-9][a-zA-Z0-9_\\-.: ]{0,49}$";
  public static final String RESOURCE_NAME_MESSAGE =
      "must be 1 to 50 characters, start with a letter or digit and contain only letters, digits,"
          + " underscores, hyphens, periods, colons and spaces";

  public static final String GATE = "^(plan-upgrade|blockers-resolved|azure-deletion)$";
  public static final String GATE_MESSAGE =
      "must be one of plan-upgrade, blockers-resolved, azure-deletion";

  public static final int MAX_TEXT = 2000;

  private InputRules() {}
}
