package org.neonmigrate.activities;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.neonmigrate.activities.neon.NeonClient;
import org.neonmigrate.activities.neon.model.NeonProject;
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
    List<String> problems = new ArrayList<>();
    int verified = 0;
    for (ProjectCheck check :
        input.projects() == null ? List.<ProjectCheck>of() : input.projects()) {
      ActivityHeartbeat.beat();
      Optional<String> problem = problemWith(check, input.destinationOrgId());
      if (problem.isPresent()) {
        problems.add(problem.get());
      } else {
        verified++;
      }
    }
    return new VerifyOutcome(verified, problems);
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
