package org.neonmigrate.activities;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neonmigrate.activities.neon.model.ProjectListItem;
import org.neonmigrate.activities.neon.model.ProjectListPage;

/** The source org's projects as one complete listing showed them, and which integrations block. */
record SourceListing(Map<String, ProjectListItem> projects, Set<String> withIntegrations) {

  static SourceListing of(List<ProjectListPage> pages) {
    Map<String, ProjectListItem> projects = new LinkedHashMap<>();
    Set<String> withIntegrations = new LinkedHashSet<>();
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
                    withIntegrations.add(id);
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
    return withIntegrations.contains(projectId);
  }

  String nameOf(String projectId) {
    ProjectListItem item = projects.get(projectId);
    return item == null ? null : item.name();
  }
}
