package org.neonmigrate.api.security;

import java.util.Set;

/** The roles a configured token can carry. Each of them may read. */
public final class Roles {
  public static final String VIEWER = "viewer";
  public static final String OPERATOR = "operator";
  public static final String APPROVER = "approver";

  public static final Set<String> ALL = Set.of(VIEWER, OPERATOR, APPROVER);

  private Roles() {}
}
