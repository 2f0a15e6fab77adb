package org.neonmigrate.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.List;
import org.neonmigrate.api.batch.BatchAccepted;
import org.neonmigrate.api.batch.BatchActionAccepted;
import org.neonmigrate.api.batch.BulkDecisionSent;
import org.neonmigrate.api.migration.MigrationAccepted;
import org.neonmigrate.api.migration.MigrationList;
import org.neonmigrate.api.migration.MigrationSummary;
import org.neonmigrate.workflows.batch.AwaitingHuman;
import org.neonmigrate.workflows.batch.BatchProgress;
import org.neonmigrate.workflows.batch.BatchReport;
import org.neonmigrate.workflows.migration.ApprovalRecord;
import org.neonmigrate.workflows.migration.BlockedProject;
import org.neonmigrate.workflows.migration.MemberInvite;
import org.neonmigrate.workflows.migration.MigrationPlan;
import org.neonmigrate.workflows.migration.MigrationReport;
import org.neonmigrate.workflows.migration.MigrationStatus;
import org.neonmigrate.workflows.migration.OrgSummary;
import org.neonmigrate.workflows.migration.ProjectCounts;

/**
 * Answers keep every field: {@code "awaitingGate": null} and {@code "migrations": []} are stated
 * rather than dropped, as Micronaut does by default (problems keep that default).
 */
@Singleton
@Requires(env = ApiApplication.ENVIRONMENT)
public class ResponseShapeModule extends SimpleModule {

  private static final List<Class<?>> ANSWERS =
      List.of(
          MigrationStatus.class,
          MigrationReport.class,
          MigrationPlan.class,
          ApprovalRecord.class,
          BlockedProject.class,
          MemberInvite.class,
          OrgSummary.class,
          ProjectCounts.class,
          MigrationSummary.class,
          MigrationList.class,
          MigrationAccepted.class,
          BatchAccepted.class,
          BatchActionAccepted.class,
          BatchProgress.class,
          AwaitingHuman.class,
          BatchReport.class,
          BulkDecisionSent.class);

  public ResponseShapeModule() {
    super("neonmigrate-api-responses");
  }

  @Override
  public void setupModule(SetupContext context) {
    super.setupModule(context);
    JsonInclude.Value always =
        JsonInclude.Value.construct(JsonInclude.Include.ALWAYS, JsonInclude.Include.ALWAYS);
    ANSWERS.forEach(type -> context.configOverride(type).setInclude(always));
  }
}
