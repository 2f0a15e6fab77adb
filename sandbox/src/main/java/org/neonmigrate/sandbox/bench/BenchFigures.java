package org.neonmigrate.sandbox.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The benchmark's result: the last line it prints, as JSON with these snake_case names. */
@JsonPropertyOrder(alphabetic = false)
public record BenchFigures(
    @JsonProperty("orgs") int orgs,
    @JsonProperty("projects") int projects,
    @JsonProperty("members") int members,
    @JsonProperty("rate") int rate,
    @JsonProperty("concurrency") int concurrency,
    @JsonProperty("workers") int workers,
    @JsonProperty("driver") String driver,
    @JsonProperty("temporal") String temporal,
    @JsonProperty("elapsed_s") double elapsedS,
    @JsonProperty("api_calls") long apiCalls,
    @JsonProperty("calls_per_org") double callsPerOrg,
    @JsonProperty("min_calls_per_org") double minCallsPerOrg,
    @JsonProperty("floor_s") double floorS,
    @JsonProperty("efficiency") double efficiency,
    @JsonProperty("http_429") long http429,
    @JsonProperty("completed") int completed,
    @JsonProperty("failed") int failed,
    @JsonProperty("max_history_events_per_org") long maxHistoryEventsPerOrg,
    @JsonProperty("history_sampled") int historySampled,
    @JsonProperty("batch_and_wave_events_per_org") double batchAndWaveEventsPerOrg,
    @JsonProperty("progress_reads") int progressReads,
    @JsonProperty("slowest_progress_read_ms") long slowestProgressReadMs,
    @JsonProperty("progress_reads_over_1s") long progressReadsOver1s,
    @JsonProperty("worker_peak_rss_mb") double workerPeakRssMb) {

  static double round(double value, int decimals) {
    double scale = Math.pow(10, decimals);
    return Math.round(value * scale) / scale;
  }
}
