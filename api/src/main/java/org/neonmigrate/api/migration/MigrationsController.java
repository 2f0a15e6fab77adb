package org.neonmigrate.api.migration;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.validation.Validated;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowExecutionDescription;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import org.neonmigrate.api.ApiApplication;
import org.neonmigrate.api.problem.ProblemDocument;
import org.neonmigrate.api.problem.ProblemResponses;
import org.neonmigrate.api.problem.Problems;
import org.neonmigrate.api.security.Roles;
import org.neonmigrate.workflows.migration.MigrationReport;
import org.neonmigrate.workflows.migration.MigrationStatus;
import org.neonmigrate.workflows.migration.Step;

/** Starting and watching migrations. */
@Controller("/migrations")
@Requires(env = ApiApplication.ENVIRONMENT)
@ExecuteOn(TaskExecutors.BLOCKING)
@Validated
@Tag(name = "migrations")
@ApiResponse(
    responseCode = "400",
    description = ProblemResponses.BAD_REQUEST,
    content =
        @Content(
            mediaType = ProblemResponses.MEDIA_TYPE,
            schema = @Schema(implementation = ProblemDocument.class)))
@ApiResponse(
    responseCode = "401",
    description = ProblemResponses.UNAUTHORIZED,
    content =
        @Content(
            mediaType = ProblemResponses.MEDIA_TYPE,
            schema = @Schema(implementation = ProblemDocument.class)))
@ApiResponse(
    responseCode = "403",
    description = ProblemResponses.FORBIDDEN,
    content =
        @Content(
            mediaType = ProblemResponses.MEDIA_TYPE,
            schema = @Schema(implementation = ProblemDocument.class)))
@ApiResponse(
    responseCode = "406",
    description = ProblemResponses.NOT_ACCEPTABLE,
    content =
        @Content(
            mediaType = ProblemResponses.MEDIA_TYPE,
            schema = @Schema(implementation = ProblemDocument.class)))
@ApiResponse(
    responseCode = "502",
    description = ProblemResponses.BAD_GATEWAY,
    content =
        @Content(
            mediaType = ProblemResponses.MEDIA_TYPE,
            schema = @Schema(implementation = ProblemDocument.class)))
@ApiResponse(
    responseCode = "503",
    description = ProblemResponses.UNAVAILABLE,
    content =
        @Content(
            mediaType = ProblemResponses.MEDIA_TYPE,
            schema = @Schema(implementation = ProblemDocument.class)))
public class MigrationsController {

  private final MigrationStarter starter;
  private final MigrationRuns runs;
  private final MigrationListing listing;
  private final ClosedRunStatuses closedRuns;

  public MigrationsController(
      MigrationStarter starter,
      MigrationRuns runs,
      MigrationListing listing,
      ClosedRunStatuses closedRuns) {
    this.starter = starter;
    this.runs = runs;
    this.listing = listing;
    this.closedRuns = closedRuns;
  }

  @Operation(
      operationId = "startMigration",
      summary = "Start the migration of one Azure-managed org",
      description =
          "202 when started; 200 with the running migration when the same org is already being"
              + " migrated with the same parameters; 409 when with other parameters.")
  @ApiResponse(
      responseCode = "202",
      description = "started",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = MigrationAccepted.class)))
  @ApiResponse(
      responseCode = "200",
      description = "already running with these parameters",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = MigrationAccepted.class)))
  @ApiResponse(
      responseCode = "409",
      description = "already running with other parameters",
      content =
          @Content(
              mediaType = ProblemResponses.MEDIA_TYPE,
              schema = @Schema(implementation = ProblemDocument.class)))
  @ApiResponse(
      responseCode = "413",
      description = ProblemResponses.TOO_LARGE,
      content =
          @Content(
              mediaType = ProblemResponses.MEDIA_TYPE,
              schema = @Schema(implementation = ProblemDocument.class)))
  @ApiResponse(
      responseCode = "415",
      description = ProblemResponses.UNSUPPORTED_MEDIA_TYPE,
      content =
          @Content(
              mediaType = ProblemResponses.MEDIA_TYPE,
              schema = @Schema(implementation = ProblemDocument.class)))
  @Post(consumes = MediaType.APPLICATION_JSON)
  @Secured(Roles.OPERATOR)
  public HttpResponse<MigrationAccepted> start(
      @Body @Valid StartMigrationBody body, Authentication caller) {
    if (body.sourceOrgId().equals(body.destinationOrgId())) {
      throw Problems.badRequest("destinationOrgId must differ from sourceOrgId.");
    }
    MigrationStarter.Started started = starter.start(body.toRequest(caller.getName()));
    MigrationAccepted answer =
        MigrationAccepted.of(
            body.sourceOrgId(),
            started.execution().getWorkflowId(),
            started.execution().getRunId());
    return HttpResponse.<MigrationAccepted>status(
            started.created() ? HttpStatus.ACCEPTED : HttpStatus.OK)
        .body(answer)
        .headers(h -> h.location(URI.create(answer.statusUrl())));
  }

  @Operation(
      operationId = "listMigrations",
      summary = "Migrations, newest first, optionally only those at one step")
  @Get
  @Secured({Roles.VIEWER, Roles.OPERATOR, Roles.APPROVER})
  public MigrationList list(
      @Parameter(
              description = "only the runs at this step (case-insensitive)",
              schema = @Schema(implementation = Step.class))
          @QueryValue
          @Nullable
          String step) {
    return new MigrationList(listing.list(step == null ? null : parseStep(step)));
  }

  @Operation(operationId = "migrationStatus", summary = "Where a migration is: its status query")
  @ApiResponse(
      responseCode = "404",
      description = "no migration of this source org",
      content =
          @Content(
              mediaType = ProblemResponses.MEDIA_TYPE,
              schema = @Schema(implementation = ProblemDocument.class)))
  @Get("/{sourceOrgId}")
  @Secured({Roles.VIEWER, Roles.OPERATOR, Roles.APPROVER})
  public MigrationStatus status(
      @PathVariable @Pattern(regexp = InputRules.ORG_ID, message = InputRules.ORG_ID_MESSAGE)
          String sourceOrgId) {
    WorkflowExecutionDescription run = runs.describe(sourceOrgId);
    return closedRuns.status(run, () -> runs.typed(run.getExecution()).status());
  }

  @Operation(
      operationId = "migrationReport",
      summary = "The report: the result when completed, else the report so far")
  @ApiResponse(
      responseCode = "404",
      description = "no migration of this source org",
      content =
          @Content(
              mediaType = ProblemResponses.MEDIA_TYPE,
              schema = @Schema(implementation = ProblemDocument.class)))
  @Get("/{sourceOrgId}/report")
  @Secured({Roles.VIEWER, Roles.OPERATOR, Roles.APPROVER})
  public MigrationReport report(
      @PathVariable @Pattern(regexp = InputRules.ORG_ID, message = InputRules.ORG_ID_MESSAGE)
          String sourceOrgId) {
    WorkflowExecutionDescription run = runs.describe(sourceOrgId);
    if (run.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED) {
      return runs.untyped(run.getExecution()).getResult(MigrationReport.class);
    }
    return runs.typed(sourceOrgId).report();
  }

  private static Step parseStep(String step) {
    try {
      return Step.valueOf(step.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw Problems.badRequest(
          "step must be one of %s.".formatted(Arrays.toString(Step.values())));
    }
  }
}
