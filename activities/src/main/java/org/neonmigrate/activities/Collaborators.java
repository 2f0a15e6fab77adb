package org.neonmigrate.activities;

import java.util.List;
import java.util.Objects;
import org.neonmigrate.activities.neon.model.ProjectPermission;

/** A project's collaborators as the migration keeps them: active grants only, by email. */
final class Collaborators {

  private Collaborators() {}

  static List<String> active(List<ProjectPermission> permissions) {
    return permissions.stream()
        .filter(p -> p.revokedAt() == null || p.revokedAt().isBlank())
        .map(ProjectPermission::grantedToEmail)
        .filter(Objects::nonNull)
        .distinct()
        .sorted()
        .toList();
  }
}
