package org.neonmigrate.workflows.migration;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.neonmigrate.workflows.MigrationNames;
import org.neonmigrate.workflows.activities.AccessInventory;
import org.neonmigrate.workflows.activities.AccessInventoryInput;
import org.neonmigrate.workflows.activities.ApiKeyOutcome;
import org.neonmigrate.workflows.activities.AzureActivities;
import org.neonmigrate.workflows.activities.AzureBinding;
import org.neonmigrate.workflows.activities.AzureDeletion;
import org.neonmigrate.workflows.activities.DiscoveryActivities;
import org.neonmigrate.workflows.activities.GrantCollaboratorsInput;
import org.neonmigrate.workflows.activities.GrantOutcome;
import org.neonmigrate.workflows.activities.InviteOutcome;
import org.neonmigrate.workflows.activities.NotificationActivities;
import org.neonmigrate.workflows.activities.OrgCheck;
import org.neonmigrate.workflows.activities.OrgCheckInput;
import org.neonmigrate.workflows.activities.ProjectPage;
import org.neonmigrate.workflows.activities.ProjectPageInput;
import org.neonmigrate.workflows.activities.ProjectSnapshot;
import org.neonmigrate.workflows.activities.ReconfigureActivities;
import org.neonmigrate.workflows.activities.TransferActivities;
import org.neonmigrate.workflows.activities.TransferChunk;
import org.neonmigrate.workflows.activities.TransferOutcome;
import org.neonmigrate.workflows.activities.VerifyActivities;
import org.neonmigrate.workflows.activities.VerifyInput;
import org.neonmigrate.workflows.activities.VerifyOutcome;

/** Mocked activities with a happy-path default, and the test environment that runs them. */
class MigrationFixtures {
  static final String SOURCE = "azure-org-1";
  static final String DESTINATION = "neon-org-1";
  static final String WORKFLOW_ID = MigrationNames.orgMigrationId(SOURCE);
  static final String RESOURCE_ID =
      "/subscriptions/sub-1/resourceGroups/rg-neon/providers/Neon.Postgres/organizations/"
          + "neon-azure-org";
  static final AzureBinding BINDING =
      new AzureBinding(
          RESOURCE_ID,
          SOURCE,
          "Succeeded",
          "ARM resource " + RESOURCE_ID + " names Neon org " + SOURCE);

  final DiscoveryActivities discovery =
      mock(DiscoveryActivities.class, withSettings().withoutAnnotations());
  final TransferActivities transfer =
      mock(TransferActivities.class, withSettings().withoutAnnotations());
  final ReconfigureActivities reconfigure =
      mock(ReconfigureActivities.class, withSettings().withoutAnnotations());
  final VerifyActivities verify = mock(VerifyActivities.class, withSettings().withoutAnnotations());
  final AzureActivities azure = mock(AzureActivities.class, withSettings().withoutAnnotations());
  final NotificationActivities notifications =
      mock(NotificationActivities.class, withSettings().withoutAnnotations());

  TestWorkflowExtension extension() {
    return TestWorkflowExtension.newBuilder()
        .registerWorkflowImplementationTypes(OrgMigrationWorkflowImpl.class)
        .setActivityImplementations(discovery, transfer, reconfigure, verify, azure, notifications)
        .registerSearchAttribute("MigrationStep", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
        .registerSearchAttribute("SourceOrgId", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
        .registerSearchAttribute("BatchId", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
        .build();
  }

  /** Both orgs fine, three projects (one collaborator each), one member and one org key. */
  void happyPath() {
    happyPath(projects(3));
  }

  void happyPath(List<ProjectSnapshot> projects) {
    // as the activity does: with withAccess, the access inventory (as stubbed below) rides along
    doAnswer(
            inv -> {
              OrgCheckInput input = inv.getArgument(0);
              OrgCheck check = orgCheck("scale", false);
              return input != null && Boolean.TRUE.equals(input.withAccess())
                  ? check.withAccess(
                      discovery.inventoryAccess(
                          new AccessInventoryInput(input.sourceOrgId(), input.destinationOrgId())))
                  : check;
            })
        .when(discovery)
        .checkOrganizations(any());
    pages(projects, 400);
    when(discovery.inventoryAccess(any()))
        .thenReturn(
            new AccessInventory(
                List.of(new MemberInvite("dev@example.com", "member")), List.of("ci-key")));
    doAnswer(inv -> moveFromSource(inv.getArgument(0))).when(transfer).transferProjects(any());
    doAnswer(inv -> new TransferOutcome(List.of(), List.of(), List.of(), false))
        .when(transfer)
        .locateChunk(any());
    when(reconfigure.inviteMembers(any())).thenReturn(new InviteOutcome(1, 0));
    // as the activity does: the invitations first, when the input carries them
    doAnswer(
            inv -> {
              GrantCollaboratorsInput input = inv.getArgument(0);
              InviteOutcome invited =
                  input.invite() == null ? null : reconfigure.inviteMembers(input.invite());
              return new GrantOutcome(input.projects().size(), 0, invited);
            })
        .when(reconfigure)
        .grantCollaborators(any());
    when(reconfigure.replaceOrgApiKeys(any()))
        .thenReturn(
            new ApiKeyOutcome(List.of("ci-key"), List.of(), "key drop /secrets/neon", List.of()));
    doAnswer(
            inv ->
                new VerifyOutcome(((VerifyInput) inv.getArgument(0)).projects().size(), List.of()))
        .when(verify)
        .verifyProjects(any());
    when(verify.countProjects(anyString())).thenReturn(0);
    when(azure.proveAzureResource(any())).thenReturn(BINDING);
    when(azure.deleteAzureResource(any())).thenReturn(new AzureDeletion(true, false, 3));
  }

  /**
   * The source as the first walk (DISCOVER) lists it; later walks (VERIFY's look at what is left,
   * the cancel's re-listing) list {@link #leftInSource}, which the happy-path transfer empties.
   */
  void pages(List<ProjectSnapshot> projects, int pageSize) {
    synchronized (this) {
      discovered = List.copyOf(projects);
      this.pageSize = pageSize;
      walks.clear();
    }
    doAnswer(inv -> page(inv.getArgument(0))).when(discovery).inventoryProjects(any());
  }

  /** What the source holds after DISCOVER, e.g. a project created in the Console meanwhile. */
  final List<ProjectSnapshot> leftInSource = new ArrayList<>();

  private List<ProjectSnapshot> discovered = List.of();
  private int pageSize = 400;
  private final java.util.Map<String, Integer> walks = new java.util.HashMap<>();

  private synchronized ProjectPage page(ProjectPageInput input) {
    if (input.cursor() == null) {
      walks.merge(input.orgId(), 1, Integer::sum);
    }
    boolean first = walks.getOrDefault(input.orgId(), 0) <= 1;
    List<ProjectSnapshot> listed = first ? discovered : List.copyOf(leftInSource);
    int from = input.cursor() == null ? 0 : Integer.parseInt(input.cursor().substring(7));
    int to = Math.min(listed.size(), from + pageSize);
    return new ProjectPage(
        List.copyOf(listed.subList(from, to)), to < listed.size() ? "cursor-" + to : null);
  }

  synchronized TransferOutcome moveFromSource(TransferChunk chunk) {
    leftInSource.removeIf(p -> chunk.projectIds().contains(p.id()));
    return moved(chunk);
  }

  static OrgCheck orgCheck(String destinationPlan, boolean upgradeNeeded) {
    return new OrgCheck(
        new OrgSummary(SOURCE, "Azure org", "scale", "azure"),
        new OrgSummary(DESTINATION, "Neon org", destinationPlan, "console"),
        upgradeNeeded,
        upgradeNeeded
            ? "destination plan " + destinationPlan + " is below source plan scale"
            : null);
  }

  static List<ProjectSnapshot> projects(int count) {
    return IntStream.rangeClosed(1, count).mapToObj(i -> project("p-" + i)).toList();
  }

  static ProjectSnapshot project(String id) {
    return new ProjectSnapshot(
        id, "name " + id, List.of(), "digest-" + id, List.of("c@example.com"));
  }

  static ProjectSnapshot blockedProject(String id, String integration) {
    return new ProjectSnapshot(id, "name " + id, List.of(integration), "digest-" + id, List.of());
  }

  static TransferOutcome moved(TransferChunk chunk) {
    return new TransferOutcome(chunk.projectIds(), List.of(), List.of(), false);
  }

  static MigrationRequest request(boolean dryRun) {
    return new MigrationRequest(
        SOURCE,
        DESTINATION,
        new AzureResource("sub-1", "rg-neon", "neon-azure-org"),
        dryRun,
        "ops@example.com",
        true,
        30,
        null);
  }

  static OrgMigrationWorkflow start(
      WorkflowClient client, String taskQueue, MigrationRequest request) {
    OrgMigrationWorkflow workflow =
        client.newWorkflowStub(
            OrgMigrationWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(WORKFLOW_ID)
                .setTaskQueue(taskQueue)
                .build());
    WorkflowClient.start(workflow::migrate, request);
    return workflow;
  }

  static MigrationReport result(OrgMigrationWorkflow workflow) {
    return WorkflowStub.fromTyped(workflow).getResult(MigrationReport.class);
  }

  /** Lets workflow time pass in small steps until the status matches (or gives up). */
  static MigrationStatus waitFor(
      TestWorkflowEnvironment env,
      OrgMigrationWorkflow workflow,
      Predicate<MigrationStatus> condition) {
    for (int i = 0; i < 300; i++) {
      MigrationStatus status = workflow.status();
      if (condition.test(status)) {
        return status;
      }
      env.sleep(Duration.ofSeconds(1));
    }
    throw new AssertionError("status never matched; last: " + workflow.status());
  }

  static MigrationStatus waitAtGate(
      TestWorkflowEnvironment env, OrgMigrationWorkflow workflow, Gate gate) {
    return waitFor(env, workflow, s -> gate.wireName().equals(s.awaitingGate()));
  }

  static Approval approval(Gate gate) {
    return new Approval(gate.wireName(), "alice@example.com", "looks good");
  }
}
