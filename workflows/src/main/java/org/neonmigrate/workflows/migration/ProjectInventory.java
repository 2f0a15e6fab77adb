package org.neonmigrate.workflows.migration;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neonmigrate.workflows.activities.ProjectCheck;
import org.neonmigrate.workflows.activities.ProjectCollaborators;
import org.neonmigrate.workflows.activities.ProjectSnapshot;

/**
 * Where each inventoried project is. Holds only what later steps need (id, endpoint digest,
 * collaborators, blockers) so that workflow state stays small for orgs with thousands of projects.
 */
final class ProjectInventory {

  private record TrackedProject(String digest, List<String> collaborators) {}

  private final Map<String, TrackedProject> projects = new LinkedHashMap<>();
  private final Map<String, BlockedProject> blocked = new LinkedHashMap<>();
  private final Set<String> inDestination = new LinkedHashSet<>();

  void add(ProjectSnapshot snapshot) {
    List<String> collaborators =
        snapshot.collaborators() == null ? List.of() : List.copyOf(snapshot.collaborators());
    projects.put(snapshot.id(), new TrackedProject(snapshot.endpointDigest(), collaborators));
    if (snapshot.integrations() != null && !snapshot.integrations().isEmpty()) {
      blocked.put(
          snapshot.id(),
          new BlockedProject(snapshot.id(), snapshot.name(), List.copyOf(snapshot.integrations())));
    }
  }

  /**
   * A project found in the source after the move: new ones join the inventory, known ones are
   * marked back in the source (whatever moved them back).
   */
  void addLeftover(ProjectSnapshot snapshot) {
    inDestination.remove(snapshot.id());
    add(snapshot);
  }

  void markTransferred(Collection<String> ids) {
    for (String id : ids) {
      // Ids the inventory never saw (created in the source since) are not counted as moved.
      if (projects.containsKey(id)) {
        inDestination.add(id);
        blocked.remove(id);
      }
    }
  }

  void markBlocked(Collection<BlockedProject> refused) {
    for (BlockedProject project : refused) {
      if (projects.containsKey(project.projectId())) {
        blocked.put(project.projectId(), project);
      }
    }
  }

  /** After a cancellation: everything not listed in the source has left it for the destination. */
  void reconcileWithSource(Set<String> stillInSource) {
    inDestination.clear();
    for (String id : projects.keySet()) {
      if (!stillInSource.contains(id)) {
        inDestination.add(id);
      }
    }
  }

  /** Projects still in the source and not held back by integrations, in inventory order. */
  List<String> movableIds() {
    return projects.keySet().stream()
        .filter(id -> !inDestination.contains(id) && !blocked.containsKey(id))
        .toList();
  }

  List<String> blockedIds() {
    return List.copyOf(blocked.keySet());
  }

  List<BlockedProject> blockers() {
    return List.copyOf(blocked.values());
  }

  boolean hasBlockers() {
    return !blocked.isEmpty();
  }

  boolean isInDestination(String id) {
    return inDestination.contains(id);
  }

  int total() {
    return projects.size();
  }

  int movableCount() {
    return movableIds().size();
  }

  ProjectCounts counts() {
    return new ProjectCounts(projects.size(), inDestination.size(), blocked.size());
  }

  List<String> inDestinationIds() {
    return List.copyOf(inDestination);
  }

  List<String> inSourceIds() {
    return projects.keySet().stream().filter(id -> !inDestination.contains(id)).toList();
  }

  List<ProjectCheck> checks() {
    List<ProjectCheck> checks = new ArrayList<>(projects.size());
    projects.forEach((id, project) -> checks.add(new ProjectCheck(id, project.digest())));
    return checks;
  }

  List<ProjectCollaborators> collaboratorGrants() {
    List<ProjectCollaborators> grants = new ArrayList<>();
    projects.forEach(
        (id, project) -> {
          if (!project.collaborators().isEmpty()) {
            grants.add(new ProjectCollaborators(id, project.collaborators()));
          }
        });
    return grants;
  }

  List<ProjectCollaborators> collaboratorGrants(Collection<String> ids) {
    return collaboratorGrants().stream().filter(g -> ids.contains(g.projectId())).toList();
  }

  List<ProjectCheck> checks(Collection<String> ids) {
    return checks().stream().filter(c -> ids.contains(c.projectId())).toList();
  }

  int collaboratorGrantCount() {
    return projects.values().stream().mapToInt(p -> p.collaborators().size()).sum();
  }

  /** Splits a list into consecutive slices of at most {@code size} elements. */
  static <T> List<List<T>> inChunks(List<T> items, int size) {
    List<List<T>> chunks = new ArrayList<>();
    for (int from = 0; from < items.size(); from += size) {
      chunks.add(List.copyOf(items.subList(from, Math.min(items.size(), from + size))));
    }
    return chunks;
  }
}
