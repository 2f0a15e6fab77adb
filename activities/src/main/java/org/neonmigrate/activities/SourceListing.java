package org.neonmigrate.activities;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neonmigrate.activities.neon.model.ProjectListItem;
import org.neonmigrate.activities.neon.model.ProjectListPage;
import org.neonmigrate.workflows.migration.BlockedProject;

/**
 * An org's projects as one complete listing showed them, and which of them integrations block (the
 * listing's {@code integrations} map: a project with any is refused by a transfer).
 */
record SourceListing(
    Map<String, ProjectListItem> projects, Map<String, List<String>> withIntegrations) {

  static SourceListing of(List<ProjectListPage> pages) {
    Map<String, ProjectListItem> projects = new LinkedHashMap<>();
    Map<String, List<String>> withIntegrations = new LinkedHashMap<>();
    for (ProjectListPage page : pages) {
      for (ProjectListItem item :
          page.projects() == null ? List.<ProjectListItem>of() : page.projects()) {
        projects.putIfAbsent(item.id(), item);
      }
      if (page.integrations() != null) {
        page.integrations()
            .forEach(
                (id, kinds) -> {
                  if (kinds != null && !kinds.isEmpty()) {
                    withIntegrations.putIfAbsent(id, kinds.stream().sorted().toList());
                  }
                });
      }
    }
    return new SourceListing(projects, withIntegrations);
  }

  boolean has(String projectId) {
    return projects.containsKey(projectId);
  }

  /** A project Neon would refuse to move (422) cannot be in the middle of a move. */
  boolean blockedByIntegrations(String projectId) {
    return withIntegrations.containsKey(projectId);
  }

  /** The listed projects that integrations block, in listing order. */
  List<BlockedProject> blockers() {
    return projects.keySet().stream()
        .filter(withIntegrations::containsKey)
        .map(id -> new BlockedProject(id, nameOf(id), withIntegrations.get(id)))
        .toList();
  }

  String nameOf(String projectId) {
    ProjectListItem item = projects.get(projectId);
    return item == null ? null : item.name();
  }
}
