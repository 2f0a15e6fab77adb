package org.neonmigrate.sandbox.activities;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.neonmigrate.sandbox.neon.Faults;
import org.neonmigrate.sandbox.neon.RateLimits;
import org.neonmigrate.workflows.activities.OrgCheck;
import org.neonmigrate.workflows.activities.OrgCheckInput;

class NeonFailureSemanticsTest extends ActivityHarness {

  @Test
  void aRateLimitedCallRetriesAfterExactlyTheRetryAfterNeonSent() {
    // the simulator's injected 429 always says Retry-After: 1
    sims.neon().faults().add(new Faults.OneShot("GET /projects", 429, 1, Faults.When.BEFORE));

    ApplicationFailure failure = failureOf(() -> verify.countProjects(CONTOSO));

    assertThat(failure.getType()).isEqualTo("NeonRateLimited");
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void anExhaustedMinuteBudgetWaitsAboutAMinute() {
    sims.neon().rateLimits().update(new RateLimits.Settings(1, 100));
    assertThat(neonGet("/projects?org_id=" + CONTOSO + "&limit=1").status()).isEqualTo(200);

    ApplicationFailure failure = failureOf(() -> verify.countProjects(CONTOSO));

    assertThat(failure.getType()).isEqualTo("NeonRateLimited");
    assertThat(failure.getNextRetryDelay())
        .isBetween(Duration.ofSeconds(50), Duration.ofSeconds(60));
  }

  @Test
  void serviceUnavailableIsRetryable() {
    sims.neon().faults().add(new Faults.OneShot("GET /projects", 503, 1, Faults.When.BEFORE));

    ApplicationFailure failure = failureOf(() -> verify.countProjects(CONTOSO));

    assertThat(failure.getType()).isEqualTo("NeonUnavailable");
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(verify.countProjects(CONTOSO)).isEqualTo(5);
  }

  @Test
  void anUnknownOrganizationIsReportedAsSuchAndNotRetried() {
    ApplicationFailure failure =
        failureOf(() -> discovery.checkOrganizations(new OrgCheckInput("org-nope", CONTOSO_NM)));

    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getType()).isIn("OrganizationNotFound", "NeonAccessDenied");
  }

  @Test
  void theSourceMustNotBeNeonManaged() {
    ApplicationFailure failure =
        failureOf(() -> discovery.checkOrganizations(new OrgCheckInput(CONTOSO_NM, FABRIKAM_NM)));

    assertThat(failure.getType()).isEqualTo("SourceNotAzureManaged");
    assertThat(failure.isNonRetryable()).isTrue();
  }

  @Test
  void theDestinationMustBeNeonManaged() {
    ApplicationFailure failure =
        failureOf(() -> discovery.checkOrganizations(new OrgCheckInput(CONTOSO, FABRIKAM)));

    assertThat(failure.getType()).isEqualTo("DestinationNotNeonManaged");
  }

  @Test
  void aLowerDestinationPlanIsFoundBeforeAnyTransfer() {
    OrgCheck check = discovery.checkOrganizations(new OrgCheckInput(FABRIKAM, FABRIKAM_NM));

    assertThat(check.planUpgradeNeeded()).isTrue();
    assertThat(check.planUpgradeReason()).contains("free").contains("scale").contains(FABRIKAM_NM);
    assertThat(check.source().managedBy()).isEqualTo("azure");
    assertThat(
            discovery
                .checkOrganizations(new OrgCheckInput(CONTOSO, CONTOSO_NM))
                .planUpgradeNeeded())
        .isFalse();
  }
}
