package org.neonmigrate.activities;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.neonmigrate.activities.neon.NeonClient;
import org.neonmigrate.activities.neon.model.NeonProject;
import org.neonmigrate.activities.neon.model.ProjectListItem;
import org.neonmigrate.activities.neon.model.ProjectListPage;
import org.neonmigrate.workflows.NeonLimits;
import org.neonmigrate.workflows.activities.ProjectCheck;
import org.neonmigrate.workflows.activities.VerifyActivities;
import org.neonmigrate.workflows.activities.VerifyInput;
import org.neonmigrate.workflows.activities.VerifyOutcome;

@Singleton
public class VerifyActivitiesImpl implements VerifyActivities {

  private final NeonClient neon;

  public VerifyActivitiesImpl(NeonClient neon) {
    this.neon = neon;
  }

  @Override
  public VerifyOutcome verifyProjects(VerifyInput input) {
    Requests.requireOrgIds(input.destinationOrgId());
    List<ProjectCheck> checks = input.projects() == null ? List.of() : input.projects();
    Set<String> listed = listedInDestination(input.destinationOrgId(), checks);
    List<String> problems = new ArrayList<>();
    int verified = 0;
    for (ProjectCheck check : checks) {
      ActivityHeartbeat.beat();
      Optional<String> problem =
          listed.contains(check.projectId())
              ? hostsChanged(check)
              : problemWith(check, input.destinationOrgId());
      if (problem.isPresent()) {
        problems.add(problem.get());
      } else {
        verified++;
      }
    }
    return new VerifyOutcome(verified, problems);
  }

  /**
   * The checked projects that a listing of the destination shows, paged while a page costs less
   * than reading each project still unseen on its own (a destination with many other projects is
   * not listed to the end).
   */
  private Set<String> listedInDestination(String destinationOrgId, List<ProjectCheck> checks) {
    Set<String> unseen = new HashSet<>();
    checks.forEach(check -> unseen.add(check.projectId()));
    Set<String> listed = new HashSet<>();
    String cursor = null;
    int pages = 0;
    while (!unseen.isEmpty() && pages < unseen.size()) {
      ProjectListPage page =
          neon.projectPage(destinationOrgId, NeonLimits.PROJECTS_PER_PAGE, cursor);
      pages++;
      for (ProjectListItem item :
          page.projects() == null ? List.<ProjectListItem>of() : page.projects()) {
        if (unseen.remove(item.id())) {
          listed.add(item.id());
        }
      }
      cursor = NeonClient.nextProjectCursor(page);
      if (cursor == null) {
        break;
      }
      ActivityHeartbeat.beat();
    }
    return listed;
  }

  @Override
  public int countProjects(String orgId) {
    Requests.requireOrgIds(orgId);
    return neon.allProjects(orgId).size();
  }

  private Optional<String> problemWith(ProjectCheck check, String destinationOrgId) {
    Optional<NeonProject> project = neon.project(check.projectId());
    if (project.isEmpty()) {
      return Optional.of(check.projectId() + ": not found");
    }
    if (!destinationOrgId.equals(project.get().orgId())) {
      return Optional.of(
          check.projectId() + ": in org " + project.get().orgId() + ", not " + destinationOrgId);
    }
    return hostsChanged(check);
  }

  private Optional<String> hostsChanged(ProjectCheck check) {
    var endpoints = neon.endpoints(check.projectId()).endpoints();
    String digest = EndpointDigest.of(endpoints == null ? List.of() : endpoints);
    if (!digest.equals(check.endpointDigest())) {
      return Optional.of(
          check.projectId()
              + ": endpoint hosts changed (digest "
              + check.endpointDigest()
              + " before, "
              + digest
              + " now)");
    }
    return Optional.empty();
  }
}
