package org.neonmigrate.sandbox.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.neonmigrate.sandbox.arm.ArmState;
import org.neonmigrate.sandbox.neon.NeonState;
import org.neonmigrate.workflows.MigrationNames;

/**
 * The Temporal CLI commands of README's "Drive a migration from any Temporal client", read from
 * README itself and run as they are written, one by one through {@code /bin/sh}, with the pinned
 * {@code temporal} CLI against the dev server of {@link DevServerStack} and its shipped worker jar.
 * Only addresses differ: the CLI gets the server from {@code TEMPORAL_ADDRESS} and {@code
 * TEMPORAL_NAMESPACE}, and {@code $IN} is what README's URL answers on the simulator's port. What
 * each command prints is checked, and so are the simulators' final state and the batch's result.
 */
@ExtendWith(DevServerStack.Extension.class)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ReadmeTemporalCliIT {
  private static final Path README = Path.of("..", "README.md");
  private static final String SECTION = "## Drive a migration from any Temporal client";
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration RESULT_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration LIST_TIMEOUT = Duration.ofSeconds(30);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static final Pattern IN_LINE =
      Pattern.compile("^IN=\\$\\(curl -s (http://127\\.0\\.0\\.1:4010/\\S+)\\)\\s*(#.*)?$");
  private static final Pattern QUERY_RESULT =
      Pattern.compile("^\\s*QueryResult\\s+(\\{.*})\\s*$", Pattern.MULTILINE);
  private static final Pattern RESULT =
      Pattern.compile("^\\s*Result\\s+(\\{.*})\\s*$", Pattern.MULTILINE);
  private static final Pattern LIST_QUERY = Pattern.compile("^(\\w+) = '([^']*)'$");

  private Path transcript;

  @RegisterExtension
  final TestWatcher printTranscriptOnFailure =
      new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
          if (transcript != null && Files.exists(transcript)) {
            System.err.println(
                DevServerStack.section(
                    "README commands and their output (" + transcript + ")",
                    DevServerStack.read(transcript)));
          }
        }
      };

  /** One command of the block as README has it, continuation lines included. */
  record Command(int line, String text) {
    /** The command on one line, as the shell reads it. */
    String joined() {
      return text.replace("\\\n", " ").replaceAll(" {2,}", " ").trim();
    }

    String flag(String name) {
      Matcher m = Pattern.compile(name + " (\"[^\"]*\"|'[^']*'|\\S+)").matcher(joined());
      if (!m.find()) {
        throw new AssertionError("README line " + line + " has no " + name + ": " + text);
      }
      String value = m.group(1);
      return value.startsWith("\"") || value.startsWith("'")
          ? value.substring(1, value.length() - 1)
          : value;
    }

    /** {@code workflow start}, {@code workflow list}, ...; null for anything but the CLI. */
    String subcommand() {
      String[] words = joined().split(" ");
      return words.length > 2 && words[0].equals("temporal") ? words[1] + " " + words[2] : null;
    }
  }

  @Test
  void readmesTemporalCliCommandsRunAsWrittenDriveAMigrationAndABatchAndListThemByAttribute(
      DevServerStack stack) throws Exception {
    stack.seed(0, 0, 0);
    NeonState neon = stack.simulators().neon().state();
    List<Command> commands = readmeCommands();
    Shell shell = new Shell(stack);
    transcript = shell.transcript;

    Set<String> seen = new LinkedHashSet<>();
    JsonNode input = null;
    String migration = null;
    Command statusQuery = null;
    String approver = null;
    Map<String, JsonNode> batches = new LinkedHashMap<>();
    Map<String, List<JsonNode>> waves = new LinkedHashMap<>();
    List<String> sourceProjects = List.of();

    for (Command c : commands) {
      Matcher in = IN_LINE.matcher(c.joined());
      if (in.matches()) {
        // as $(...) would: the answer, trailing newlines dropped
        String answer = fetchFromSimulator(stack, in.group(1)).stripTrailing();
        shell.env.put("IN", answer);
        shell.note(c, "(IN set by the test to what " + in.group(1) + " answers here)\n" + answer);
        input = DevServerStack.json(answer);
        assertThat(input.path("requestedBy").asText()).as("the example's requester").isNotBlank();
        if (in.group(2) != null && in.group(2).contains("requestedBy:")) {
          assertThat(in.group(2)).contains("requestedBy: " + input.path("requestedBy").asText());
        }
        sourceProjects = neon.projectIds(input.path("sourceOrgId").asText());
        seen.add("IN");
        continue;
      }
      String sub = c.subcommand();
      if (sub == null) {
        fail("README line %d is not a temporal command this test knows: %s", c.line(), c.text());
      }
      switch (sub) {
        case "workflow start" -> {
          String type = c.flag("--type");
          String id = c.flag("--workflow-id");
          String out = shell.runOk(c, COMMAND_TIMEOUT);
          assertThat(out)
              .containsPattern("WorkflowId\\s+" + Pattern.quote(id))
              .containsPattern("Type\\s+" + type)
              .containsPattern("TaskQueue\\s+" + MigrationNames.TASK_QUEUE);
          if (type.equals(MigrationNames.ORG_MIGRATION_TYPE)) {
            assertThat(c.flag("--input")).isEqualTo("$IN");
            assertThat(input).as("IN is set before the start").isNotNull();
            assertThat(id)
                .isEqualTo(MigrationNames.orgMigrationId(input.path("sourceOrgId").asText()));
            migration = id;
          } else if (type.equals(MigrationNames.BATCH_WAVE_TYPE)) {
            JsonNode wave = DevServerStack.json(c.flag("--input"));
            String batchId = wave.path("batchId").asText();
            assertThat(batches).as("the batch is started before its waves").containsKey(batchId);
            assertThat(id)
                .isEqualTo(MigrationNames.batchWaveId(batchId, wave.path("wave").asInt()));
            waves.computeIfAbsent(batchId, b -> new ArrayList<>()).add(wave);
          } else {
            assertThat(type).isEqualTo(MigrationNames.BATCH_MIGRATION_TYPE);
            JsonNode batch = DevServerStack.json(c.flag("--input"));
            assertThat(id).isEqualTo(MigrationNames.batchId(batch.path("batchId").asText()));
            batches.put(batch.path("batchId").asText(), batch);
          }
          seen.add("start " + type);
        }
        case "workflow query" -> {
          assertThat(c.flag("--workflow-id")).isEqualTo(migration);
          assertThat(c.flag("--name")).isEqualTo(MigrationNames.QUERY_STATUS);
          statusQuery = c;
          JsonNode status = queryResult(shell.runOk(c, COMMAND_TIMEOUT), c);
          assertThat(status.path("sourceOrgId").asText())
              .isEqualTo(input.path("sourceOrgId").asText());
          assertThat(status.path("step").asText()).isNotEqualTo("FAILED");
          seen.add("query status");
        }
        case "workflow list" -> {
          Matcher q = LIST_QUERY.matcher(c.flag("--query"));
          assertThat(q.matches()).as("README line %d: a query on one attribute", c.line()).isTrue();
          String attribute = q.group(1);
          String value = q.group(2);
          Set<String> expected = new LinkedHashSet<>();
          boolean exact = true;
          switch (attribute) {
            case "MigrationStep" -> {
              // README lists the step its run is at by then; the reader waits for it, so do we
              awaitStatus(shell, statusQuery, s -> value.equals(s.path("step").asText()));
              expected.add(migration);
              exact = false; // other runs may wait there too
            }
            case "SourceOrgId" -> expected.add(MigrationNames.orgMigrationId(value));
            case "BatchId" -> {
              JsonNode batch = batches.get(value);
              assertThat(batch).as("README starts batch %s before listing it", value).isNotNull();
              expected.add(MigrationNames.batchId(value));
              for (JsonNode wave : waves.getOrDefault(value, List.of())) {
                expected.add(MigrationNames.batchWaveId(value, wave.path("wave").asInt()));
                wave.path("migrations")
                    .forEach(
                        m ->
                            expected.add(
                                MigrationNames.orgMigrationId(m.path("sourceOrgId").asText())));
              }
            }
            default -> fail("README line %d lists by an unknown attribute: %s", c.line(), c.text());
          }
          Set<String> listed = awaitListed(shell, c, expected, exact);
          assertThat(listed).as("README line %d lists", c.line()).containsAll(expected);
          seen.add("list " + attribute);
        }
        case "workflow signal" -> {
          assertThat(c.flag("--workflow-id")).isEqualTo(migration);
          assertThat(c.flag("--name")).isEqualTo(MigrationNames.SIGNAL_APPROVE);
          JsonNode approval = DevServerStack.json(c.flag("--input"));
          String gate = approval.path("gate").asText();
          approver = approval.path("approver").asText();
          assertThat(approver.toLowerCase(Locale.ROOT))
              .as("README's approver must be another person than the example's requestedBy")
              .isNotEqualTo(input.path("requestedBy").asText().toLowerCase(Locale.ROOT));
          awaitStatus(shell, statusQuery, s -> gate.equals(s.path("awaitingGate").asText(null)));

          // README's comment: the same signal from the requester is refused, the run waits on
          String requester = input.path("requestedBy").asText();
          Command self =
              new Command(
                  c.line(),
                  c.text()
                      .replace(
                          "\"approver\":\"" + approver + "\"",
                          "\"approver\":\"" + requester + "\""));
          assertThat(self.text())
              .as("the self-approval differs from README's")
              .isNotEqualTo(c.text());
          assertThat(shell.runOk(self, COMMAND_TIMEOUT)).contains("Signal workflow succeeded");
          awaitStatus(
              shell,
              statusQuery,
              s ->
                  s.path("refusedDecisions").findValuesAsText("approver").contains(requester)
                      && gate.equals(s.path("awaitingGate").asText(null)));
          assertThat(stack.simulators().arm().state().deletions()).isEmpty();

          assertThat(shell.runOk(c, COMMAND_TIMEOUT)).contains("Signal workflow succeeded");
          seen.add("signal approve");
        }
        case "workflow result" -> {
          assertThat(c.flag("--workflow-id")).isEqualTo(migration);
          String out = shell.runOk(c, RESULT_TIMEOUT);
          assertThat(out).containsPattern("Status\\s+COMPLETED");
          Matcher result = RESULT.matcher(out);
          assertThat(result.find()).as(out).isTrue();
          JsonNode report = DevServerStack.json(result.group(1));
          assertThat(report.path("finalStep").asText()).as(out).isEqualTo("COMPLETED");
          assertThat(report.path("azureResourceDeleted").asBoolean()).isTrue();
          assertThat(report.path("approvals").findValuesAsText("approver")).containsOnly(approver);
          List<String> moved = new ArrayList<>();
          report.path("projectsInDestination").forEach(p -> moved.add(p.asText()));
          assertThat(moved).containsExactlyInAnyOrderElementsOf(sourceProjects);
          seen.add("result");
        }
        default -> fail("README line %d: %s is not checked here", c.line(), c.text());
      }
    }

    assertThat(seen)
        .as("the commands README's block must show")
        .containsExactlyInAnyOrder(
            "IN",
            "start OrgMigration",
            "query status",
            "list MigrationStep",
            "signal approve",
            "result",
            "list SourceOrgId",
            "start BatchMigration",
            "start BatchWave",
            "list BatchId");

    // the simulators' own state: moved, then deleted empty, once
    String source = input.path("sourceOrgId").asText();
    String destination = input.path("destinationOrgId").asText();
    assertThat(neon.projectIds(destination)).containsAll(sourceProjects);
    List<ArmState.Deletion> deletions = stack.simulators().arm().state().deletions();
    assertThat(deletions).hasSize(1);
    assertThat(deletions.get(0).orgId()).isEqualTo(source);
    assertThat(deletions.get(0).projectsInOrg()).isZero();

    // README's batch is a dry run: it completes with the plans and moves nothing
    for (JsonNode batch : batches.values()) {
      String batchId = batch.path("batchId").asText();
      JsonNode result =
          stack
              .client()
              .newUntypedWorkflowStub(MigrationNames.batchId(batchId))
              .getResult(60, TimeUnit.SECONDS, JsonNode.class);
      List<JsonNode> rows = new ArrayList<>();
      waves.getOrDefault(batchId, List.of()).forEach(w -> w.path("migrations").forEach(rows::add));
      assertThat(rows).isNotEmpty();
      assertThat(result.path("completed").asInt()).as(result.toString()).isEqualTo(rows.size());
      for (JsonNode m : rows) {
        String org = m.path("sourceOrgId").asText();
        assertThat(neon.projectCount(org)).as("%s after a dry run", org).isPositive();
      }
    }
  }

  /** The block of README's section, split into commands; comment lines are left out. */
  static List<Command> readmeCommands() throws IOException {
    List<String> lines = Files.readAllLines(README, StandardCharsets.UTF_8);
    int section = lines.indexOf(SECTION);
    assertThat(section).as("README has the section %s", SECTION).isNotNegative();
    int open = section + 1;
    while (open < lines.size() && !lines.get(open).equals("```sh")) {
      assertThat(lines.get(open)).as("the section's first code block").doesNotStartWith("## ");
      open++;
    }
    List<Command> commands = new ArrayList<>();
    StringBuilder current = null;
    int start = 0;
    for (int i = open + 1; i < lines.size() && !lines.get(i).equals("```"); i++) {
      String line = lines.get(i);
      if (current == null) {
        if (line.isBlank() || line.stripLeading().startsWith("#")) {
          continue;
        }
        current = new StringBuilder();
        start = i + 1;
      } else {
        current.append('\n');
      }
      current.append(line);
      if (!line.endsWith("\\")) {
        commands.add(new Command(start, current.toString()));
        current = null;
      }
    }
    assertThat(commands).as("commands in README's block").isNotEmpty();
    return commands;
  }

  /** README's URL with the simulator's address instead of the sandbox's default one. */
  private static String fetchFromSimulator(DevServerStack stack, String readmeUrl)
      throws IOException, InterruptedException {
    URI neon = URI.create(stack.simulators().neon().baseUrl());
    String url = readmeUrl.replace("127.0.0.1:4010", neon.getHost() + ":" + neon.getPort());
    HttpResponse<String> answer =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as("GET %s: %s", url, answer.body()).isEqualTo(200);
    return answer.body();
  }

  private static JsonNode queryResult(String output, Command c) {
    Matcher m = QUERY_RESULT.matcher(output);
    assertThat(m.find()).as("README line %d printed a query result: %s", c.line(), output).isTrue();
    return DevServerStack.json(m.group(1));
  }

  /** Runs README's status query until its answer satisfies {@code condition}. */
  private static void awaitStatus(Shell shell, Command statusQuery, Predicate<JsonNode> condition)
      throws Exception {
    assertThat(statusQuery).as("README queries the status before it waits on it").isNotNull();
    long deadline = System.nanoTime() + DevServerStack.GATE_TIMEOUT.toNanos();
    JsonNode status = null;
    while (System.nanoTime() < deadline) {
      status = queryResult(shell.runOk(statusQuery, COMMAND_TIMEOUT), statusQuery);
      if (condition.test(status)) {
        return;
      }
      assertThat(status.path("step").asText()).as(status.toString()).isNotEqualTo("FAILED");
      Thread.sleep(500);
    }
    fail("README's status query never answered what was waited for; last: %s", status);
  }

  /**
   * Runs README's list command until it lists {@code expected} (exactly, or at least); visibility
   * is written a moment after a run changes. Answers the workflow ids of the last listing.
   */
  private static Set<String> awaitListed(
      Shell shell, Command list, Set<String> expected, boolean exact) throws Exception {
    long deadline = System.nanoTime() + LIST_TIMEOUT.toNanos();
    Set<String> listed = Set.of();
    while (System.nanoTime() < deadline) {
      listed = workflowIds(shell.runOk(list, COMMAND_TIMEOUT));
      if (exact ? listed.equals(expected) : listed.containsAll(expected)) {
        return listed;
      }
      Thread.sleep(500);
    }
    fail("README line %d listed %s, not %s", list.line(), listed, expected);
    return listed;
  }

  /** The WorkflowId column of {@code temporal workflow list}'s table. */
  private static Set<String> workflowIds(String output) {
    Set<String> ids = new LinkedHashSet<>();
    List<String> rows = output.lines().filter(l -> !l.isBlank()).toList();
    if (rows.isEmpty()) {
      return ids;
    }
    assertThat(rows.get(0)).containsPattern("Status\\s+WorkflowId\\s+Type");
    for (String row : rows.subList(1, rows.size())) {
      ids.add(row.trim().split("\\s+")[1]);
    }
    return ids;
  }

  /**
   * Runs commands as {@code sh -c '<README's text>'} with only what README's reader would have set:
   * the CLI on {@code PATH}, the server in {@code TEMPORAL_ADDRESS}/{@code TEMPORAL_NAMESPACE},
   * {@code IN}, and a {@code HOME} of its own so no CLI configuration of this machine's user
   * applies. Every run and its output is appended to a transcript under target/.
   */
  static final class Shell {
    final Map<String, String> env = new LinkedHashMap<>();
    final Path dir;
    final Path transcript;

    Shell(DevServerStack stack) throws IOException {
      dir = stack.dir().resolve("readme-cli");
      Files.createDirectories(dir.resolve("home"));
      transcript = dir.resolve("transcript.txt");
      Files.deleteIfExists(transcript);
      env.put(
          "PATH",
          stack.cli().getParent()
              + File.pathSeparator
              + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
      env.put("HOME", dir.resolve("home").toString());
      env.put("TEMPORAL_ADDRESS", stack.temporalTarget());
      env.put("TEMPORAL_NAMESPACE", MigrationNames.NAMESPACE);
    }

    /** Records in the transcript what the test did in a command's place. */
    void note(Command c, String text) throws IOException {
      Files.writeString(
          transcript,
          "$ %s%n%s%n".formatted(c.text(), text),
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    }

    /** Runs README's command; it must exit 0 within {@code timeout}. Answers what it printed. */
    String runOk(Command c, Duration timeout) throws IOException, InterruptedException {
      Path out = dir.resolve("line-" + c.line() + ".out");
      ProcessBuilder builder =
          new ProcessBuilder("/bin/sh", "-c", c.text())
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(out.toFile());
      builder.environment().clear();
      builder.environment().putAll(env);
      Process process = builder.start();
      boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!exited) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
      String output = Files.readString(out, StandardCharsets.UTF_8);
      Files.writeString(
          transcript,
          "$ %s%n%s%s%n"
              .formatted(
                  c.text(),
                  output,
                  exited ? "(exit " + process.exitValue() + ")" : "(killed after " + timeout + ")"),
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      assertThat(exited)
          .as("README line %d ended within %s: %s", c.line(), timeout, output)
          .isTrue();
      assertThat(process.exitValue())
          .as("README line %d's exit code; it printed: %s", c.line(), output)
          .isZero();
      return output;
    }
  }
}
