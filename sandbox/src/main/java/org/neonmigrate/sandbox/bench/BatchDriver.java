package org.neonmigrate.sandbox.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import org.neonmigrate.sandbox.seed.MigrationExample;

/** How the benchmark starts, watches and approves its one batch. */
interface BatchDriver {

  /** Starts the batch; answers the batch workflow's id. */
  String start(String batchId, int concurrency, List<MigrationExample> orgs)
      throws IOException, InterruptedException;

  /**
   * The progress as the batch REST API shows it: {@code total, finished, failed,
   * awaitingHumanCount, awaitingByGate{gate: n}, waves[]}.
   */
  JsonNode progress(String batchId) throws IOException, InterruptedException;

  /** Approves, as a second identity, every child waiting at {@code gate}; answers how many. */
  int approve(String batchId, String gate) throws IOException, InterruptedException;

  /** The batch's report: {@code total, completed, failed, cancelled}. */
  JsonNode report(String batchId) throws IOException, InterruptedException;

  /** A short name for the printed figures. */
  String name();
}
