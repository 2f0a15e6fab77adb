package org.neonmigrate.api.migration;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.neonmigrate.workflows.migration.AzureResource;
import org.neonmigrate.workflows.migration.MigrationRequest;

class MigrationStarterTest {

  private static final AzureResource AZURE = new AzureResource("sub", "rg", "name");

  @Test
  void whoAskedAndTheDefaultReminderDoNotMakeAnotherMigration() {
    MigrationRequest running =
        new MigrationRequest("src", "dst", AZURE, false, "ann", false, null, "batch-1");
    MigrationRequest asked =
        new MigrationRequest("src", "dst", AZURE, false, "bob", false, 240, null);

    assertThat(MigrationStarter.sameParameters(running, asked)).isTrue();
  }

  @Test
  void theDifferencesAreNamed() {
    MigrationRequest running =
        new MigrationRequest("src", "dst", AZURE, false, "ann", false, null, null);
    MigrationRequest asked =
        new MigrationRequest(
            "src", "dst", new AzureResource("sub", "rg", "other"), false, "ann", true, 60, null);

    assertThat(MigrationStarter.differences(running, asked))
        .contains("azure")
        .contains("replaceOrgApiKeys")
        .contains("reminderIntervalMinutes")
        .doesNotContain("destinationOrgId");
  }
}
