package org.neonmigrate.api.fleet;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
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
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.neonmigrate.api.ApiApplication;
import org.neonmigrate.api.migration.InputRules;
import org.neonmigrate.api.problem.ProblemDocument;
import org.neonmigrate.api.problem.ProblemResponses;
import org.neonmigrate.api.problem.Problems;
import org.neonmigrate.api.security.Roles;
import org.neonmigrate.workflows.fleet.FleetPlanRequest;
import org.neonmigrate.workflows.fleet.FleetPlanRequestValidation;

/**
 * Fleet plans: list the Azure-managed orgs of some subscriptions, pair them with Neon, and answer
 * rows ready for {@code POST /batches}. A plan only reads; it runs as a workflow and is polled.
 */
@Controller("/fleet")
@Requires(env = ApiApplication.ENVIRONMENT)
@ExecuteOn(TaskExecutors.BLOCKING)
@Validated
@Tag(name = "fleet")
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
public class FleetPlanController {

  static final String TEXT_CSV = "text/csv";

  private final FleetPlanRuns runs;

  public FleetPlanController(FleetPlanRuns runs) {
    this.runs = runs;
  }

  @Operation(
      operationId = "startFleetPlan",
      summary = "Plan the Azure-managed orgs of some subscriptions (reads only)",
      description =
          "202 with Location /fleet/plans/{planId} to poll; 200 when a plan with this planId and"
              + " these parameters exists; 409 when with other parameters.")
  @ApiResponse(
      responseCode = "202",
      description = "started",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = FleetPlanAccepted.class)))
  @ApiResponse(
      responseCode = "200",
      description = "this plan exists with these parameters",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = FleetPlanAccepted.class)))
  @ApiResponse(
      responseCode = "409",
      description = "a plan with this id exists with other parameters",
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
  @Post(value = "/plan", consumes = MediaType.APPLICATION_JSON)
  @Secured(Roles.OPERATOR)
  public HttpResponse<FleetPlanAccepted> start(
      @Body @Valid StartFleetPlanBody body, Authentication caller) {
    String planId = body.planId() == null ? UUID.randomUUID().toString() : body.planId();
    FleetPlanRequest request = body.toRequest(planId, caller.getName());
    List<String> problems = FleetPlanRequestValidation.problems(request);
    if (!problems.isEmpty()) {
      throw Problems.badRequest(String.join("; ", problems) + ".");
    }
    FleetPlanRuns.Started started = runs.start(request);
    FleetPlanAccepted answer = FleetPlanAccepted.of(planId, started.execution().getWorkflowId());
    return HttpResponse.<FleetPlanAccepted>status(
            started.created() ? HttpStatus.ACCEPTED : HttpStatus.OK)
        .body(answer)
        .headers(h -> h.location(URI.create(answer.statusUrl())));
  }

  @Operation(
      operationId = "fleetPlan",
      summary = "A fleet plan: progress while running, then its rows and strays",
      description =
          "JSON by default. With Accept: text/csv, the rows in the CSV layout POST /batches reads"
              + " (409 until the plan completed).")
  @ApiResponse(
      responseCode = "200",
      content = {
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = FleetPlanAnswer.class)),
        @Content(mediaType = TEXT_CSV, schema = @Schema(type = "string"))
      })
  @ApiResponse(
      responseCode = "404",
      description = "no plan with this id",
      content =
          @Content(
              mediaType = ProblemResponses.MEDIA_TYPE,
              schema = @Schema(implementation = ProblemDocument.class)))
  @ApiResponse(
      responseCode = "409",
      description = "CSV asked for before the plan completed",
      content =
          @Content(
              mediaType = ProblemResponses.MEDIA_TYPE,
              schema = @Schema(implementation = ProblemDocument.class)))
  @Get(
      value = "/plans/{planId}",
      produces = {MediaType.APPLICATION_JSON, TEXT_CSV})
  @Secured({Roles.VIEWER, Roles.OPERATOR, Roles.APPROVER})
  public HttpResponse<?> plan(
      @PathVariable @Pattern(regexp = InputRules.ORG_ID, message = InputRules.ORG_ID_MESSAGE)
          String planId,
      HttpRequest<?> request) {
    FleetPlanAnswer answer = runs.answer(planId, runs.describe(planId));
    if (!wantsCsv(request)) {
      return HttpResponse.ok(answer).contentType(MediaType.APPLICATION_JSON_TYPE);
    }
    if (answer.plan() == null) {
      throw Problems.conflict(
          "fleet-plan-not-ready",
          "The plan has no rows yet",
          "Plan '%s' is %s%s; its CSV exists once it completed."
              .formatted(
                  planId,
                  answer.status(),
                  answer.error() == null
                      ? ""
                      : " (" + answer.error().type() + ": " + answer.error().message() + ")"));
    }
    return HttpResponse.ok(FleetPlanCsv.render(answer.plan()))
        .contentType(MediaType.of(TEXT_CSV + ";charset=utf-8"))
        .header(
            "Content-Disposition", "attachment; filename=\"fleet-plan-%s.csv\"".formatted(planId));
  }

  private static boolean wantsCsv(HttpRequest<?> request) {
    Collection<MediaType> accepted = request.accept();
    return accepted.stream().anyMatch(t -> t.matches(MediaType.of(TEXT_CSV)))
        && accepted.stream().noneMatch(t -> t.matches(MediaType.APPLICATION_JSON_TYPE));
  }
}
