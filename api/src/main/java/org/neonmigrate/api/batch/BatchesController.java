package org.neonmigrate.api.batch;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.exceptions.ContentLengthExceededException;
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
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowNotFoundException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import org.neonmigrate.api.ApiApplication;
import org.neonmigrate.api.ApiSettings;
import org.neonmigrate.api.migration.DecisionBody;
import org.neonmigrate.api.migration.FourEyesRule;
import org.neonmigrate.api.migration.InputRules;
import org.neonmigrate.api.migration.RejectionBody;
import org.neonmigrate.api.problem.ProblemDocument;
import org.neonmigrate.api.problem.ProblemResponses;
import org.neonmigrate.api.problem.Problems;
import org.neonmigrate.api.security.Roles;
import org.neonmigrate.workflows.batch.BatchControl;
import org.neonmigrate.workflows.batch.BatchMigrationWorkflow;
import org.neonmigrate.workflows.batch.BatchRequest;
import org.neonmigrate.workflows.batch.BulkDecision;
import org.neonmigrate.workflows.migration.Gate;
import org.neonmigrate.workflows.migration.MigrationRequest;

/** Batches of many migrations: start (JSON or CSV), watch, decide in bulk, pause, cancel. */
@Controller("/batches")
@Requires(env = ApiApplication.ENVIRONMENT)
@ExecuteOn(TaskExecutors.BLOCKING)
@Validated
@Tag(name = "batches")
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
public class BatchesController {

  static final String TEXT_CSV = "text/csv";

  private final BatchStarter starter;
  private final BatchRuns runs;
  private final BatchRows rows;
  private final BatchProgressReads progressReads;
  private final boolean fourEyesDeletion;

  public BatchesController(
      BatchStarter starter,
      BatchRuns runs,
      BatchRows rows,
      BatchProgressReads progressReads,
      ApiSettings settings) {
    this.starter = starter;
    this.runs = runs;
    this.rows = rows;
    this.progressReads = progressReads;
    this.fourEyesDeletion = settings.fourEyesDeletion();
  }

  @Operation(
      operationId = "startBatch",
      summary = "Start a batch of migrations (JSON)",
      description =
          "Every migration has the fields and rules of POST /migrations; problems name the row"
              + " (1 = the first migration). At most 50,000 migrations. 202 when started; 200 when"
              + " a batch with this id and exactly this input exists; 409 when with another.")
  @ApiResponse(
      responseCode = "202",
      description = "started",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = BatchAccepted.class)))
  @ApiResponse(
      responseCode = "200",
      description = "this batch exists with this input",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = BatchAccepted.class)))
  @ApiResponse(
      responseCode = "409",
      description = "the batch id is taken by another batch",
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
  public HttpResponse<BatchAccepted> start(
      @Body @Valid StartBatchBody body, Authentication caller) {
    List<MigrationRequest> migrations = rows.check(body.migrations(), caller.getName());
    return accepted(
        starter.start(body.batchId(), body.concurrency(), migrations, caller.getName()));
  }

  @Operation(
      operationId = "startBatchCsv",
      summary = "Start a batch of migrations (CSV)",
      description =
          "A header row sourceOrgId,destinationOrgId,subscriptionId,resourceGroup,resourceName,"
              + "dryRun[,replaceOrgApiKeys] (any order), then one migration per row; row N of a"
              + " problem is line N + 1. UTF-8 unless the Content-Type names another charset; a"
              + " byte order mark is ignored. batchId and concurrency are query parameters. The"
              + " file is read as it arrives: more than 50,000 rows, a field of more than 256"
              + " characters or a line of more than 4,096 is refused there, and a 400 lists at"
              + " most the first 100 problems.")
  @ApiResponse(
      responseCode = "202",
      description = "started",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = BatchAccepted.class)))
  @ApiResponse(
      responseCode = "200",
      description = "this batch exists with this input",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = BatchAccepted.class)))
  @ApiResponse(
      responseCode = "409",
      description = "the batch id is taken by another batch",
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
  @Post(consumes = TEXT_CSV)
  @Secured(Roles.OPERATOR)
  public HttpResponse<BatchAccepted> startCsv(
      @Body @Nullable InputStream csv,
      @QueryValue
          @Nullable
          @Pattern(regexp = InputRules.ORG_ID, message = InputRules.ORG_ID_MESSAGE)
          String batchId,
      @QueryValue
          @Nullable
          @Min(value = 1, message = "must be at least 1")
          @Max(value = BatchRequest.MAX_CONCURRENCY, message = "must be at most 200")
          Integer concurrency,
      HttpRequest<?> request,
      Authentication caller) {
    Charset charset = charset(request);
    List<MigrationRequest> migrations;
    // closing the stream early, on a refusal, lets the server drop the rest of the body unread
    try (Reader text =
        new InputStreamReader(csv == null ? InputStream.nullInputStream() : csv, charset)) {
      migrations = rows.checkCsv(text, charset.name(), caller.getName());
    } catch (IOException e) {
      if (e.getCause() instanceof ContentLengthExceededException tooLarge) {
        throw tooLarge;
      }
      throw Problems.badRequest("The body could not be read to its end.");
    }
    return accepted(starter.start(batchId, concurrency, migrations, caller.getName()));
  }

  private static Charset charset(HttpRequest<?> request) {
    String name =
        request.getContentType().flatMap(type -> type.getParameters().get("charset")).orElse(null);
    if (name == null) {
      return StandardCharsets.UTF_8;
    }
    try {
      return Charset.forName(name);
    } catch (IllegalArgumentException e) {
      throw Problems.badRequest(
          "The Content-Type names charset '%s', which is not known here; send UTF-8."
              .formatted(name.length() > 40 ? name.substring(0, 40) + "..." : name));
    }
  }

  private static HttpResponse<BatchAccepted> accepted(BatchStarter.Started started) {
    BatchAccepted answer =
        BatchAccepted.of(started.batchId(), started.execution().getWorkflowId(), started.total());
    return HttpResponse.<BatchAccepted>status(
            started.created() ? HttpStatus.ACCEPTED : HttpStatus.OK)
        .body(answer)
        .headers(h -> h.location(URI.create(answer.statusUrl())));
  }

  @Operation(
      operationId = "batchProgress",
      summary = "Where a batch is: its progress query",
      description =
          "Counts over the batch and per wave: not started, working, waiting per gate, finished."
              + " asOf is when the batch was asked for this answer; reads within"
              + " neonmigrate.api.batch-progress.max-age (2 s) of it share it. An older answer is"
              + " served at once with stale: true and a staleReason while the batch is asked"
              + " again, so that a busy batch, or one continuing as new, stays readable. A read"
              + " waits for a new answer only for the first read, after a change sent through"
              + " this API (pause, resume, decisions, cancel) and when the batch has just closed.")
  @ApiResponse(
      responseCode = "404",
      description = "no batch with this id",
      content =
          @Content(
              mediaType = ProblemResponses.MEDIA_TYPE,
              schema = @Schema(implementation = ProblemDocument.class)))
  @Get("/{batchId}")
  @Secured({Roles.VIEWER, Roles.OPERATOR, Roles.APPROVER})
  public BatchProgressAnswer progress(
      @PathVariable @Pattern(regexp = InputRules.ORG_ID, message = InputRules.ORG_ID_MESSAGE)
          String batchId) {
    return progressReads.read(batchId);
  }

  @Operation(
      operationId = "batchReport",
      summary = "The batch report: one row per org",
      description =
          "The rows of every wave, wave after wave: each closed wave's result, each open one's"
              + " report so far (rows of waves not started yet are not listed:"
              + " wavesNotArrived). JSON by default, CSV with Accept: text/csv.")
  @ApiResponse(
      responseCode = "404",
      description = "no batch with this id",
      content =
          @Content(
              mediaType = ProblemResponses.MEDIA_TYPE,
              schema = @Schema(implementation = ProblemDocument.class)))
  @ApiResponse(
      responseCode = "200",
      content = {
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = BatchReportAnswer.class)),
        @Content(mediaType = TEXT_CSV, schema = @Schema(type = "string"))
      })
  @Get(
      value = "/{batchId}/report",
      produces = {MediaType.APPLICATION_JSON, TEXT_CSV})
  @Secured({Roles.VIEWER, Roles.OPERATOR, Roles.APPROVER})
  public HttpResponse<?> report(
      @PathVariable @Pattern(regexp = InputRules.ORG_ID, message = InputRules.ORG_ID_MESSAGE)
          String batchId,
      HttpRequest<?> request) {
    BatchReportAnswer report = runs.report(batchId);
    if (wantsCsv(request)) {
      return HttpResponse.ok(BatchReportCsv.render(report.orgs()))
          .contentType(MediaType.of(TEXT_CSV + ";charset=utf-8"))
          .header(
              "Content-Disposition", "attachment; filename=\"batch-%s.csv\"".formatted(batchId));
    }
    return HttpResponse.ok(report).contentType(MediaType.APPLICATION_JSON_TYPE);
  }

  private static boolean wantsCsv(HttpRequest<?> request) {
    Collection<MediaType> accepted = request.accept();
    return accepted.stream().anyMatch(t -> t.matches(MediaType.of(TEXT_CSV)))
        && accepted.stream().noneMatch(t -> t.matches(MediaType.APPLICATION_JSON_TYPE));
  }

  @Operation(
      operationId = "approveBatch",
      summary = "Approve a gate for every run of the batch waiting there now",
      description =
          "The azure-deletion approval must come from someone other than who started the"
              + " batch (unless neonmigrate.api.four-eyes-deletion is false). Answers how many"
              + " runs waited at that gate as the batch last reported.")
  @ApiResponse(
      responseCode = "202",
      description = "sent to the batch, which relays it to its waiting runs",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = BulkDecisionSent.class)))
  @ApiResponse(
      responseCode = "403",
      description = "four-eyes rule, or not an approver",
      content =
          @Content(
              mediaType = ProblemResponses.MEDIA_TYPE,
              schema = @Schema(implementation = ProblemDocument.class)))
  @ApiResponse(
      responseCode = "404",
      description = "no batch with this id",
      content =
          @Content(
              mediaType = ProblemResponses.MEDIA_TYPE,
              schema = @Schema(implementation = ProblemDocument.class)))
  @ApiResponse(
      responseCode = "409",
      description = "the batch is closed",
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
  @Post(value = "/{batchId}/approvals", consumes = MediaType.APPLICATION_JSON)
  @Secured(Roles.APPROVER)
  public HttpResponse<BulkDecisionSent> approve(
      @PathVariable @Pattern(regexp = InputRules.ORG_ID, message = InputRules.ORG_ID_MESSAGE)
          String batchId,
      @Body @Valid DecisionBody body,
      Authentication caller) {
    WorkflowExecutionDescription run = runs.requireOpen(batchId, "decided on");
    Gate gate = Gate.fromWireName(body.gate()).orElseThrow();
    FourEyesRule.check(
        fourEyesDeletion, gate, runs.input(run.getExecution()).requestedBy(), caller.getName());
    return HttpResponse.accepted()
        .body(
            decide(batchId, new BulkDecision(body.gate(), caller.getName(), true, body.comment())));
  }

  @Operation(
      operationId = "rejectBatch",
      summary = "Reject a gate for every run of the batch waiting there now")
  @ApiResponse(
      responseCode = "202",
      description = "sent to the batch, which relays it to its waiting runs",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = BulkDecisionSent.class)))
  @ApiResponse(
      responseCode = "404",
      description = "no batch with this id",
      content =
          @Content(
              mediaType = ProblemResponses.MEDIA_TYPE,
              schema = @Schema(implementation = ProblemDocument.class)))
  @ApiResponse(
      responseCode = "409",
      description = "the batch is closed",
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
  @Post(value = "/{batchId}/rejections", consumes = MediaType.APPLICATION_JSON)
  @Secured(Roles.APPROVER)
  public HttpResponse<BulkDecisionSent> reject(
      @PathVariable @Pattern(regexp = InputRules.ORG_ID, message = InputRules.ORG_ID_MESSAGE)
          String batchId,
      @Body @Valid RejectionBody body,
      Authentication caller) {
    runs.requireOpen(batchId, "decided on");
    return HttpResponse.accepted()
        .body(
            decide(batchId, new BulkDecision(body.gate(), caller.getName(), false, body.reason())));
  }

  /**
   * Sends {@code approveAll} or {@code rejectAll} to the batch, which relays it through its waves
   * to every run waiting at that gate when they handle it; each run applies its own rules. A
   * signal: the batch has nothing to refuse (the four-eyes rule is checked here and by every run),
   * and a signal is taken at once however busy the batch is.
   */
  private BulkDecisionSent decide(String batchId, BulkDecision decision) {
    // the read path's answer: a query of its own would wait on a busy batch, or be refused
    BatchProgressAnswer progress = progressReads.read(batchId);
    int waiting = progress.awaitingByGate().getOrDefault(decision.gate(), 0);
    try {
      runs.untyped(batchId)
          .signal(
              decision.approve()
                  ? BatchMigrationWorkflow.SIGNAL_APPROVE_ALL
                  : BatchMigrationWorkflow.SIGNAL_REJECT_ALL,
              decision);
    } catch (WorkflowNotFoundException e) {
      throw runs.closed(batchId, "decided on");
    }
    progressReads.changed(batchId);
    return new BulkDecisionSent(
        decision.gate(), decision.approve(), waiting, progress.asOf(), progress.stale());
  }

  @Operation(operationId = "pauseBatch", summary = "Stop starting new runs; running ones go on")
  @ApiResponse(
      responseCode = "202",
      description = "paused",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = BatchActionAccepted.class)))
  @ApiResponse(
      responseCode = "404",
      description = "no batch with this id",
      content =
          @Content(
              mediaType = ProblemResponses.MEDIA_TYPE,
              schema = @Schema(implementation = ProblemDocument.class)))
  @ApiResponse(
      responseCode = "409",
      description = "the batch is closed",
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
  @Post(value = "/{batchId}/pause", consumes = MediaType.APPLICATION_JSON)
  @Secured(Roles.OPERATOR)
  public HttpResponse<BatchActionAccepted> pause(
      @PathVariable @Pattern(regexp = InputRules.ORG_ID, message = InputRules.ORG_ID_MESSAGE)
          String batchId,
      @Body @Nullable @Valid BatchControlBody body,
      Authentication caller) {
    runs.requireOpen(batchId, "paused");
    String reason = body == null ? null : body.reason();
    runs.typed(batchId).pause(new BatchControl(caller.getName(), reason));
    progressReads.changed(batchId);
    return action(batchId, "pause", caller.getName(), reason);
  }

  @Operation(operationId = "resumeBatch", summary = "Start new runs again")
  @ApiResponse(
      responseCode = "202",
      description = "resumed",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = BatchActionAccepted.class)))
  @ApiResponse(
      responseCode = "404",
      description = "no batch with this id",
      content =
          @Content(
              mediaType = ProblemResponses.MEDIA_TYPE,
              schema = @Schema(implementation = ProblemDocument.class)))
  @ApiResponse(
      responseCode = "409",
      description = "the batch is closed",
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
  @Post(value = "/{batchId}/resume", consumes = MediaType.APPLICATION_JSON)
  @Secured(Roles.OPERATOR)
  public HttpResponse<BatchActionAccepted> resume(
      @PathVariable @Pattern(regexp = InputRules.ORG_ID, message = InputRules.ORG_ID_MESSAGE)
          String batchId,
      @Body @Nullable @Valid BatchControlBody body,
      Authentication caller) {
    runs.requireOpen(batchId, "resumed");
    String reason = body == null ? null : body.reason();
    runs.typed(batchId).resume(new BatchControl(caller.getName(), reason));
    progressReads.changed(batchId);
    return action(batchId, "resume", caller.getName(), reason);
  }

  @Operation(
      operationId = "cancelBatch",
      summary = "Cancel the batch",
      description =
          "No new runs start; runs that have not passed their azure-deletion gate are"
              + " cancelled, the others finish.")
  @ApiResponse(
      responseCode = "202",
      description = "cancellation requested",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = BatchActionAccepted.class)))
  @ApiResponse(
      responseCode = "404",
      description = "no batch with this id",
      content =
          @Content(
              mediaType = ProblemResponses.MEDIA_TYPE,
              schema = @Schema(implementation = ProblemDocument.class)))
  @ApiResponse(
      responseCode = "409",
      description = "the batch is closed",
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
  @Post("/{batchId}/cancel")
  @Secured(Roles.OPERATOR)
  public HttpResponse<BatchActionAccepted> cancel(
      @PathVariable @Pattern(regexp = InputRules.ORG_ID, message = InputRules.ORG_ID_MESSAGE)
          String batchId,
      Authentication caller) {
    runs.requireOpen(batchId, "cancelled");
    runs.untyped(batchId).cancel();
    progressReads.changed(batchId);
    return action(batchId, "cancel", caller.getName(), null);
  }

  private static HttpResponse<BatchActionAccepted> action(
      String batchId, String action, String by, String reason) {
    String statusUrl = BatchAccepted.statusUrl(batchId);
    return HttpResponse.<BatchActionAccepted>accepted(URI.create(statusUrl))
        .body(new BatchActionAccepted(batchId, action, by, reason, statusUrl));
  }
}
