package org.neonmigrate.sandbox.rehearse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.neonmigrate.sandbox.Simulators;
import org.neonmigrate.sandbox.arm.ArmState;
import org.neonmigrate.sandbox.neon.NeonModel;
import org.neonmigrate.sandbox.neon.NeonState;
import org.neonmigrate.sandbox.seed.MigrationExample;

/**
 * What the seed put where, taken before the batch starts, and the audit of the simulators' own
 * state against it once the batch is over: nothing here trusts what the workflows report about
 * themselves, except to check that a key they could not account for is named for a human.
 */
final class Inventory {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<MigrationExample> orgs;
  private final Map<String, List<String>> projectsBySource = new LinkedHashMap<>();
  private final Map<String, List<String>> hostsByProject = new HashMap<>();
  private final Map<String, Set<String>> collaboratorsByProject = new HashMap<>();
  private final Map<String, Set<String>> inviteesByDestination = new HashMap<>();
  private final List<String> replacedKeyNames;

  private Inventory(List<MigrationExample> orgs, List<String> replacedKeyNames) {
    this.orgs = List.copyOf(orgs);
    this.replacedKeyNames = List.copyOf(replacedKeyNames);
  }

  /** The seeded state of every org of the batch. */
  static Inventory take(NeonState neon, List<MigrationExample> orgs) {
    Inventory inventory =
        new Inventory(
            orgs,
            orgs.isEmpty()
                ? List.of()
                : neon.orgKeys(orgs.get(0).sourceOrgId()).stream()
                    .filter(k -> !k.revoked())
                    .map(NeonModel.ApiKey::name)
                    .distinct()
                    .toList());
    Map<String, NeonModel.User> users = neon.usersById();
    for (MigrationExample org : orgs) {
      List<String> ids = neon.projectIds(org.sourceOrgId());
      inventory.projectsBySource.put(org.sourceOrgId(), ids);
      for (String id : ids) {
        inventory.hostsByProject.put(
            id, neon.endpoints(id).stream().map(NeonModel.Endpoint::host).toList());
        inventory.collaboratorsByProject.put(
            id,
            neon.permissions(id).stream()
                .map(NeonModel.Permission::email)
                .collect(Collectors.toSet()));
      }
      Set<String> inDestination =
          neon.members(org.destinationOrgId()).stream()
              .map(m -> users.get(m.userId()).email())
              .collect(Collectors.toSet());
      inventory.inviteesByDestination.put(
          org.destinationOrgId(),
          neon.members(org.sourceOrgId()).stream()
              .map(m -> users.get(m.userId()).email())
              .filter(email -> !inDestination.contains(email))
              .collect(Collectors.toSet()));
    }
    return inventory;
  }

  List<String> replacedKeyNames() {
    return replacedKeyNames;
  }

  int projects() {
    return hostsByProject.size();
  }

  /**
   * Counts every departure from a perfect migration of every org, from the simulators' state.
   *
   * @param runReports each org's run report (its {@code actionsForHumans} may name keys to revoke)
   * @param keyDropDir the workers' key drop folder
   */
  Audit audit(Simulators simulators, Map<String, JsonNode> runReports, Path keyDropDir)
      throws IOException {
    NeonState neon = simulators.neon().state();
    Audit a = new Audit();
    for (MigrationExample org : orgs) {
      String source = org.sourceOrgId();
      String destination = org.destinationOrgId();
      for (String project : projectsBySource.get(source)) {
        String at = neon.project(project).map(NeonModel.Project::orgId).orElse(null);
        if (at == null) {
          a.projectsLost.add(project);
          continue;
        }
        if (at.equals(destination)) {
          a.projectsInDestination++;
        } else {
          a.projectsNotMoved.add(project + " in " + at);
        }
        if (!neon.endpoints(project).stream()
            .map(NeonModel.Endpoint::host)
            .toList()
            .equals(hostsByProject.get(project))) {
          a.endpointHostsChanged.add(project);
        }
        Map<String, Long> granted = countBy(neon.permissions(project), NeonModel.Permission::email);
        for (String email : collaboratorsByProject.get(project)) {
          long n = granted.getOrDefault(email, 0L);
          if (n == 0) {
            a.grantsMissing.add(project + " " + email);
          } else if (n > 1) {
            a.grantsDuplicated.add(project + " " + email + " x" + n);
          }
        }
      }

      Map<String, Long> invited =
          countBy(neon.invitations(destination), NeonModel.Invitation::email);
      for (String email : inviteesByDestination.get(destination)) {
        long n = invited.getOrDefault(email, 0L);
        if (n == 0) {
          a.invitationsMissing.add(destination + " " + email);
        } else if (n > 1) {
          a.invitationsDuplicated.add(destination + " " + email + " x" + n);
        }
      }

      // one saved replacement per key name; a live key whose secret was never saved must be
      // named in the run's report for a human to revoke
      Map<Long, String> saved = savedKeys(keyDropDir, destination);
      for (String name : replacedKeyNames) {
        long n = saved.values().stream().filter(name::equals).count();
        if (n == 0) {
          a.apiKeysMissing.add(destination + " " + name);
        } else if (n > 1) {
          a.apiKeysDuplicated.add(destination + " " + name + " x" + n);
        }
      }
      JsonNode report = runReports.get(source);
      String actions = report == null ? "" : report.path("actionsForHumans").toString();
      for (NeonModel.ApiKey key : neon.orgKeys(destination)) {
        if (key.revoked() || saved.containsKey(key.id())) {
          continue;
        }
        if (actions.contains(Long.toString(key.id()))) {
          a.apiKeysUnsavedNamedForRevoking++;
        } else {
          a.apiKeysDuplicated.add(destination + " key " + key.id() + " not saved, not reported");
        }
      }
    }

    ArmState arm = simulators.arm().state();
    Set<String> deletedOrgs = new HashSet<>();
    for (ArmState.Deletion d : arm.deletions()) {
      a.armDeletions++;
      deletedOrgs.add(d.orgId());
      if (d.projectsInOrg() > 0) {
        a.armDeletionsWithProjects.add(d.orgId() + " with " + d.projectsInOrg() + " projects");
      }
    }
    for (MigrationExample org : orgs) {
      JsonNode report = runReports.get(org.sourceOrgId());
      boolean completed = report != null && report.path("finalStep").asText().equals("COMPLETED");
      boolean resourceLeft =
          arm.find(
                  org.azure().subscriptionId(),
                  org.azure().resourceGroup(),
                  org.azure().resourceName())
              .isPresent();
      if (completed && resourceLeft) {
        a.completedButAzureResourceLeft.add(org.sourceOrgId());
      }
      if (!completed && deletedOrgs.contains(org.sourceOrgId())) {
        a.azureDeletedButNotCompleted.add(org.sourceOrgId());
      }
    }
    return a;
  }

  private static <T> Map<String, Long> countBy(List<T> items, Function<T, String> key) {
    return items.stream().collect(Collectors.groupingBy(key, Collectors.counting()));
  }

  /** Key id to name, from the workers' key drop file for the org. */
  private static Map<Long, String> savedKeys(Path dropDir, String orgId) throws IOException {
    Path file = dropDir.resolve(orgId + "-api-keys.jsonl");
    Map<Long, String> keys = new HashMap<>();
    if (Files.exists(file)) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          JsonNode entry = JSON.readTree(line);
          keys.put(entry.path("id").asLong(), entry.path("name").asText());
        }
      }
    }
    return keys;
  }

  /** Every departure found; examples are kept (at most a few of each) to say where to look. */
  static final class Audit {
    int projectsInDestination;
    final List<String> projectsLost = new ArrayList<>();
    final List<String> projectsNotMoved = new ArrayList<>();
    final List<String> endpointHostsChanged = new ArrayList<>();
    final List<String> grantsMissing = new ArrayList<>();
    final List<String> grantsDuplicated = new ArrayList<>();
    final List<String> invitationsMissing = new ArrayList<>();
    final List<String> invitationsDuplicated = new ArrayList<>();
    final List<String> apiKeysMissing = new ArrayList<>();
    final List<String> apiKeysDuplicated = new ArrayList<>();
    int apiKeysUnsavedNamedForRevoking;
    int armDeletions;
    final List<String> armDeletionsWithProjects = new ArrayList<>();
    final List<String> completedButAzureResourceLeft = new ArrayList<>();
    final List<String> azureDeletedButNotCompleted = new ArrayList<>();

    /** Nothing lost, nothing done twice, nothing claimed that did not happen. */
    boolean clean() {
      return problems().values().stream().allMatch(List::isEmpty);
    }

    Map<String, List<String>> problems() {
      Map<String, List<String>> all = new LinkedHashMap<>();
      all.put("projectsLost", projectsLost);
      all.put("projectsNotMoved", projectsNotMoved);
      all.put("endpointHostsChanged", endpointHostsChanged);
      all.put("grantsMissing", grantsMissing);
      all.put("grantsDuplicated", grantsDuplicated);
      all.put("invitationsMissing", invitationsMissing);
      all.put("invitationsDuplicated", invitationsDuplicated);
      all.put("apiKeysMissing", apiKeysMissing);
      all.put("apiKeysDuplicated", apiKeysDuplicated);
      all.put("armDeletionsWithProjects", armDeletionsWithProjects);
      all.put("completedButAzureResourceLeft", completedButAzureResourceLeft);
      all.put("azureDeletedButNotCompleted", azureDeletedButNotCompleted);
      return all;
    }
  }
}
