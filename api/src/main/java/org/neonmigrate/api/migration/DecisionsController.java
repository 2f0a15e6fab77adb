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
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import org.neonmigrate.api.ApiApplication;
import org.neonmigrate.api.security.Roles;
import org.neonmigrate.workflows.migration.Decision;
import org.neonmigrate.workflows.migration.MigrationStatus;

/** The human decisions: approve or reject at a gate, or cancel. */
@Controller("/migrations/{sourceOrgId}")
@Requires(env = ApiApplication.ENVIRONMENT)
@ExecuteOn(TaskExecutors.BLOCKING)
@Validated
@Tag(name = "decisions")
public class DecisionsController {

  private final MigrationDecisions decisions;

  public DecisionsController(MigrationDecisions decisions) {
    this.decisions = decisions;
  }

  @Operation(
      summary = "Approve the gate the migration waits at",
      description =
          "The azure-deletion approval must come from someone other than who started the"
              + " migration (unless neonmigrate.api.four-eyes-deletion is false).")
  @ApiResponse(responseCode = "202", description = "accepted; the body is the new status")
  @ApiResponse(responseCode = "409", description = "not waiting at that gate, or closed")
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

  @Operation(summary = "Reject the gate the migration waits at; the migration stops")
  @ApiResponse(responseCode = "202", description = "accepted; the body is the new status")
  @ApiResponse(responseCode = "409", description = "not waiting at that gate, or closed")
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

  @Operation(summary = "Cancel the migration (only before the Azure deletion starts)")
  @ApiResponse(responseCode = "202", description = "cancellation requested")
  @ApiResponse(responseCode = "409", description = "deletion started, or the run is closed")
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
