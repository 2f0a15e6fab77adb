package org.neonmigrate.sandbox.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neonmigrate.activities.ApiKeyDrop;
import org.neonmigrate.activities.ApiKeyDropConfiguration;
import org.neonmigrate.activities.RecentWrites;
import org.neonmigrate.activities.ReconfigureActivitiesImpl;
import org.neonmigrate.activities.neon.NeonClient;
import org.neonmigrate.sandbox.neon.Faults;
import org.neonmigrate.sandbox.neon.NeonModel.ApiKey;
import org.neonmigrate.workflows.activities.AccessInventory;
import org.neonmigrate.workflows.activities.AccessInventoryInput;
import org.neonmigrate.workflows.activities.ApiKeyOutcome;
import org.neonmigrate.workflows.activities.GrantCollaboratorsInput;
import org.neonmigrate.workflows.activities.GrantOutcome;
import org.neonmigrate.workflows.activities.InviteMembersInput;
import org.neonmigrate.workflows.activities.InviteOutcome;
import org.neonmigrate.workflows.activities.OrgCheck;
import org.neonmigrate.workflows.activities.OrgCheckInput;
import org.neonmigrate.workflows.activities.ProjectCollaborators;
import org.neonmigrate.workflows.activities.ReconfigureActivities;
import org.neonmigrate.workflows.activities.ReplaceApiKeysInput;
import org.neonmigrate.workflows.activities.UnsavedApiKey;

class ReconfigureActivitiesTest extends ActivityHarness {

  private static final String CREATE_KEY = "POST /organizations/{org_id}/api_keys";

  @BeforeEach
  void emptyKeyDrop() throws Exception {
    Files.deleteIfExists(dropDir.resolve(CONTOSO_NM + "-api-keys.jsonl"));
  }

  @Test
  void nonAdminMembersAreInvitedOnceWithTheirRoles() {
    AccessInventory access =
        discovery.inventoryAccess(new AccessInventoryInput(CONTOSO, CONTOSO_NM));
    assertThat(access.membersToInvite()).isNotEmpty().noneMatch(m -> "admin".equals(m.role()));
    assertThat(access.orgApiKeyNames()).containsExactly("app-backend", "ci-deploy");

    InviteOutcome first =
        reconfigure.inviteMembers(new InviteMembersInput(CONTOSO_NM, access.membersToInvite()));
    InviteOutcome second =
        reconfigure.inviteMembers(new InviteMembersInput(CONTOSO_NM, access.membersToInvite()));

    assertThat(first.invited()).isEqualTo(access.membersToInvite().size());
    assertThat(second.invited()).isZero();
    assertThat(second.alreadyPresent()).isEqualTo(access.membersToInvite().size());
    assertThat(
            discovery
                .inventoryAccess(new AccessInventoryInput(CONTOSO, CONTOSO_NM))
                .membersToInvite())
        .isEmpty();
  }

  @Test
  void theOrgCheckCarriesTheAccessInventoryAndAGrantChunkSendsTheInvitations() {
    OrgCheck check = discovery.checkOrganizations(new OrgCheckInput(CONTOSO, CONTOSO_NM, true));
    assertThat(check.access())
        .isEqualTo(discovery.inventoryAccess(new AccessInventoryInput(CONTOSO, CONTOSO_NM)));
    assertThat(discovery.checkOrganizations(new OrgCheckInput(CONTOSO, CONTOSO_NM)).access())
        .isNull();

    GrantOutcome outcome =
        reconfigure.grantCollaborators(
            new GrantCollaboratorsInput(
                List.of(), new InviteMembersInput(CONTOSO_NM, check.access().membersToInvite())));

    assertThat(outcome.invited().invited()).isEqualTo(check.access().membersToInvite().size());
    assertThat(
            discovery
                .inventoryAccess(new AccessInventoryInput(CONTOSO, CONTOSO_NM))
                .membersToInvite())
        .isEmpty();
  }

  @Test
  void collaboratorsAreGrantedOnlyWhereMissing() {
    String project =
        sims.neon().state().projectIds(CONTOSO).stream()
            .filter(id -> !sims.neon().state().permissions(id).isEmpty())
            .findFirst()
            .orElseThrow();
    List<ProjectCollaborators> grants =
        List.of(
            new ProjectCollaborators(
                project, List.of("Contractor@Partner.example.com", "new@example.com")));

    GrantOutcome first = reconfigure.grantCollaborators(new GrantCollaboratorsInput(grants));
    GrantOutcome second = reconfigure.grantCollaborators(new GrantCollaboratorsInput(grants));

    assertThat(first.granted()).isEqualTo(1);
    assertThat(first.alreadyPresent()).isEqualTo(1);
    assertThat(second.granted()).isZero();
    assertThat(second.alreadyPresent()).isEqualTo(2);
  }

  @Test
  void replacementKeySecretsGoToAnOwnerOnlyFileAndNeverIntoTheResult() throws Exception {
    ReplaceApiKeysInput input =
        new ReplaceApiKeysInput(CONTOSO, CONTOSO_NM, List.of("ci-deploy", "app-backend"));

    ApiKeyOutcome outcome = reconfigure.replaceOrgApiKeys(input);
    ApiKeyOutcome retried = reconfigure.replaceOrgApiKeys(input);

    List<String> secrets =
        sims.neon().state().orgKeys(CONTOSO_NM).stream().map(ApiKey::token).toList();
    assertThat(secrets).hasSize(2);
    assertThat(outcome.created()).containsExactlyInAnyOrder("ci-deploy", "app-backend");
    assertThat(retried.created()).isEmpty();
    assertThat(retried.alreadyPresent()).containsExactlyInAnyOrder("ci-deploy", "app-backend");
    assertThat(retried.unsaved()).isEmpty();
    assertThat(sims.neon().calls().count(CREATE_KEY)).isEqualTo(2);
    for (String secret : secrets) {
      assertThat(outcome.toString()).doesNotContain(secret);
      assertThat(retried.toString()).doesNotContain(secret);
    }
    Path file = Path.of(outcome.delivery());
    assertThat(file).startsWith(dropDir);
    assertThat(Files.readString(file)).contains(secrets.get(0)).contains(secrets.get(1));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dropDir)))
        .isEqualTo("rwx------");
  }

  @Test
  void aKeyWhoseCreationAnswerWasLostIsReportedForRevokingNotCountedAsPresent() throws Exception {
    ReplaceApiKeysInput input = new ReplaceApiKeysInput(CONTOSO, CONTOSO_NM, List.of("ci-deploy"));
    sims.neon().faults().add(new Faults.OneShot(CREATE_KEY, 500, 1, Faults.When.AFTER));

    assertThat(failureOf(() -> reconfigure.replaceOrgApiKeys(input)).isNonRetryable()).isFalse();
    ApiKey orphan = onlyKey(CONTOSO_NM);
    ApiKeyOutcome retried = reconfigure.replaceOrgApiKeys(input);

    assertThat(retried.alreadyPresent()).doesNotContain("ci-deploy");
    assertThat(retried.created()).containsExactly("ci-deploy");
    assertThat(retried.unsaved())
        .extracting(UnsavedApiKey::name, UnsavedApiKey::id)
        .containsExactly(tuple("ci-deploy", orphan.id()));
    ApiKey replacement = keyOtherThan(CONTOSO_NM, orphan);
    String drop = Files.readString(Path.of(retried.delivery()));
    assertThat(drop).contains(replacement.token()).doesNotContain(orphan.token());
    assertThat(retried.toString()).doesNotContain(orphan.token(), replacement.token());
  }

  @Test
  void aKeyWhoseSecretCouldNotBeWrittenIsNamedInTheFailureAndReportedOnTheNextTry()
      throws Exception {
    ReplaceApiKeysInput input = new ReplaceApiKeysInput(CONTOSO, CONTOSO_NM, List.of("ci-deploy"));
    // a drop folder that cannot be created: the key is made in Neon, then its secret is lost
    Path notADirectory = Files.createTempFile("neonmigrate-drop", ".txt");
    ReconfigureActivitiesImpl unwritable =
        new ReconfigureActivitiesImpl(
            context.getBean(NeonClient.class),
            new ApiKeyDrop(
                new ApiKeyDropConfiguration(notADirectory.resolve("drop").toString()),
                context.getBean(ObjectMapper.class)),
            context.getBean(RecentWrites.class));
    TestActivityEnvironment other = TestActivityEnvironment.newInstance();
    try {
      other.registerActivitiesImplementations(unwritable);
      ReconfigureActivities stub =
          other.newActivityStub(
              ReconfigureActivities.class,
              ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(1)).build());

      ApplicationFailure lost = failureOf(() -> stub.replaceOrgApiKeys(input));
      ApiKey orphan = onlyKey(CONTOSO_NM);
      assertThat(lost.isNonRetryable()).isTrue();
      assertThat(lost.getOriginalMessage())
          .contains("ci-deploy", "(id " + orphan.id() + ")", "revoke")
          .doesNotContain(orphan.token());
    } finally {
      other.close();
    }

    ApiKeyOutcome next = reconfigure.replaceOrgApiKeys(input);

    ApiKey orphan = sims.neon().state().orgKeys(CONTOSO_NM).get(0);
    assertThat(next.alreadyPresent()).isEmpty();
    assertThat(next.created()).containsExactly("ci-deploy");
    assertThat(next.unsaved()).extracting(UnsavedApiKey::id).containsExactly(orphan.id());
    assertThat(Files.readString(Path.of(next.delivery())))
        .contains(keyOtherThan(CONTOSO_NM, orphan).token())
        .doesNotContain(orphan.token());
  }

  @Test
  void aDropEntryOfARevokedKeyDoesNotVouchForALaterKeyOfTheSameName() throws Exception {
    ReplaceApiKeysInput input = new ReplaceApiKeysInput(CONTOSO, CONTOSO_NM, List.of("ci-deploy"));
    ApiKey first = keyNamed(reconfigure.replaceOrgApiKeys(input), "ci-deploy");
    assertThat(
            neon("DELETE", "/organizations/" + CONTOSO_NM + "/api_keys/" + first.id(), KEY, null)
                .status())
        .isEqualTo(200);
    sims.neon().faults().add(new Faults.OneShot(CREATE_KEY, 500, 1, Faults.When.AFTER));
    failureOf(() -> reconfigure.replaceOrgApiKeys(input));
    ApiKey orphan = keyOtherThan(CONTOSO_NM, first);

    ApiKeyOutcome retried = reconfigure.replaceOrgApiKeys(input);

    assertThat(retried.alreadyPresent()).isEmpty();
    assertThat(retried.created()).containsExactly("ci-deploy");
    assertThat(retried.unsaved()).extracting(UnsavedApiKey::id).containsExactly(orphan.id());
    assertThat(sims.neon().calls().count(CREATE_KEY)).isEqualTo(3);
  }

  @Test
  void aKeyAlreadyInTheDropIsNotCreatedAgain() {
    ReplaceApiKeysInput input = new ReplaceApiKeysInput(CONTOSO, CONTOSO_NM, List.of("ci-deploy"));
    reconfigure.replaceOrgApiKeys(input);

    ApiKeyOutcome again = reconfigure.replaceOrgApiKeys(input);

    assertThat(again.created()).isEmpty();
    assertThat(again.alreadyPresent()).containsExactly("ci-deploy");
    assertThat(again.unsaved()).isEmpty();
    assertThat(sims.neon().calls().count(CREATE_KEY)).isEqualTo(1);
    assertThat(sims.neon().state().orgKeys(CONTOSO_NM)).hasSize(1);
  }

  private static ApiKey onlyKey(String orgId) {
    List<ApiKey> keys = sims.neon().state().orgKeys(orgId);
    assertThat(keys).hasSize(1);
    return keys.get(0);
  }

  private static ApiKey keyOtherThan(String orgId, ApiKey other) {
    return sims.neon().state().orgKeys(orgId).stream()
        .filter(k -> k.id() != other.id() && !k.revoked())
        .findFirst()
        .orElseThrow();
  }

  private static ApiKey keyNamed(ApiKeyOutcome outcome, String name) {
    assertThat(outcome.created()).contains(name);
    return sims.neon().state().orgKeys(CONTOSO_NM).stream()
        .filter(k -> k.name().equals(name) && !k.revoked())
        .findFirst()
        .orElseThrow();
  }
}
