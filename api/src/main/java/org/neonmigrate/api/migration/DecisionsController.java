package org.neonmigrate.api.migration;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.validation.Validated;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import org.neonmigrate.api.ApiApplication;
import org.neonmigrate.api.problem.ProblemDocument;
import org.neonmigrate.api.problem.ProblemResponses;
import org.neonmigrate.api.security.Roles;
import org.neonmigrate.workflows.migration.Decision;
import org.neonmigrate.workflows.migration.MigrationStatus;

/** The human decisions: approve or reject at a gate, or cancel. */
@Controller("/migrations/{sourceOrgId}")
@Requires(env = ApiApplication.ENVIRONMENT)
@ExecuteOn(TaskExecutors.BLOCKING)
@Validated
@Tag(name = "decisions")
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
public class DecisionsController {

  private final MigrationDecisions decisions;

  public DecisionsController(MigrationDecisions decisions) {
    this.decisions = decisions;
  }

  @Operation(
      operationId = "approveMigration",
      summary = "Approve the gate the migration waits at",
      description =
          "The run answers at once whether it takes the decision; when it does, the decision is"
              + " recorded and the body is the status with it. The azure-deletion approval must"
              + " come from someone other than who started the migration (the run enforces this"
              + " for every caller).")
  @ApiResponse(
      responseCode = "202",
      description = "recorded; the body is the status with the decision",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = MigrationStatus.class)))
  @ApiResponse(
      responseCode = "404",
      description = "no migration of this source org",
      content =
          @Content(
              mediaType = ProblemResponses.MEDIA_TYPE,
              schema = @Schema(implementation = ProblemDocument.class)))
  @ApiResponse(
      responseCode = "409",
      description = "not waiting at that gate, or closed",
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
  @Post(value = "/approvals", consumes = MediaType.APPLICATION_JSON)
  @Secured(Roles.APPROVER)
  public HttpResponse<MigrationStatus> approve(
      @PathVariable @Pattern(regexp = InputRules.ORG_ID, message = InputRules.ORG_ID_MESSAGE)
          String sourceOrgId,
      @Body @Valid DecisionBody body,
      Authentication caller) {
    Decision decision = new Decision(body.gate(), caller.getName(), true, body.comment());
    return HttpResponse.accepted().body(decisions.decide(sourceOrgId, decision));
  }

  @Operation(
      operationId = "rejectMigration",
      summary = "Reject the gate the migration waits at; the migration stops")
  @ApiResponse(
      responseCode = "202",
      description = "recorded; the body is the status with the decision",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = MigrationStatus.class)))
  @ApiResponse(
      responseCode = "404",
      description = "no migration of this source org",
      content =
          @Content(
              mediaType = ProblemResponses.MEDIA_TYPE,
              schema = @Schema(implementation = ProblemDocument.class)))
  @ApiResponse(
      responseCode = "409",
      description = "not waiting at that gate, or closed",
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
  @Post(value = "/rejections", consumes = MediaType.APPLICATION_JSON)
  @Secured(Roles.APPROVER)
  public HttpResponse<MigrationStatus> reject(
      @PathVariable @Pattern(regexp = InputRules.ORG_ID, message = InputRules.ORG_ID_MESSAGE)
          String sourceOrgId,
      @Body @Valid RejectionBody body,
      Authentication caller) {
    Decision decision = new Decision(body.gate(), caller.getName(), false, body.reason());
    return HttpResponse.accepted().body(decisions.decide(sourceOrgId, decision));
  }

  @Operation(
      operationId = "cancelMigration",
      summary = "Cancel the migration (only before the Azure deletion starts)")
  @ApiResponse(
      responseCode = "202",
      description = "cancellation requested",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = MigrationAccepted.class)))
  @ApiResponse(
      responseCode = "404",
      description = "no migration of this source org",
      content =
          @Content(
              mediaType = ProblemResponses.MEDIA_TYPE,
              schema = @Schema(implementation = ProblemDocument.class)))
  @ApiResponse(
      responseCode = "409",
      description = "deletion started, or the run is closed",
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
  @Post("/cancel")
  @Secured(Roles.OPERATOR)
  public HttpResponse<MigrationAccepted> cancel(
      @PathVariable @Pattern(regexp = InputRules.ORG_ID, message = InputRules.ORG_ID_MESSAGE)
          String sourceOrgId) {
    MigrationDecisions.RunRef run = decisions.cancel(sourceOrgId);
    MigrationAccepted answer = MigrationAccepted.of(sourceOrgId, run.workflowId(), run.runId());
    return HttpResponse.<MigrationAccepted>accepted(URI.create(answer.statusUrl())).body(answer);
  }
}
