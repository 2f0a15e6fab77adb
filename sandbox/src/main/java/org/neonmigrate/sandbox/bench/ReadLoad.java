package org.neonmigrate.sandbox.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.neonmigrate.sandbox.seed.MigrationExample;
import org.neonmigrate.workflows.migration.Step;

/**
 * A fixed pool of readers of the REST API, started when the bench's batch has started. Each reader
 * sends one request at a time, the three kinds in turn, until the duration is over; every answer's
 * latency and status is kept and summed up per kind at the end.
 */
final class ReadLoad implements Benchmark.Observer {
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  /** How old a batch's {@code started} count must be before its orgs are read: child starts lag. */
  private static final long STARTED_LAG_MILLIS = 10_000;

  enum Kind {
    MIGRATION("GET /migrations/{id}"),
    LIST("GET /migrations?step="),
    BATCH("GET /batches/{id}");

    final String route;

    Kind(String route) {
      this.route = route;
    }
  }

  private final int clients;
  private final Duration duration;
  private final PrintStream progressOut;
  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final List<Reader> readers = new ArrayList<>();
  private ExecutorService pool;
  private String apiUrl;
  private String batchId;
  private List<MigrationExample> orgs = List.of();
  private long startedAtNanos;
  private long deadlineNanos;
  private long batchClosedAtNanos = -1;
  private JsonNode finalProgress;
  private String finalProgressError;

  // orgs [0, readable) were started by the batch (it starts them in input order) long enough ago
  private int readable;

  /**
   * (epoch millis, started) at most one a second, oldest first, back to the first older than the
   * lag.
   */
  private final java.util.ArrayDeque<long[]> startedSamples = new java.util.ArrayDeque<>();

  ReadLoad(int clients, Duration duration, PrintStream progressOut) {
    this.clients = clients;
    this.duration = duration;
    this.progressOut = progressOut;
  }

  @Override
  public void batchStarted(String apiUrl, String batchId, List<MigrationExample> orgs) {
    if (apiUrl.isEmpty()) {
      progressOut.println("[loadtest] no REST API: nothing to load");
      return;
    }
    this.apiUrl = apiUrl;
    this.batchId = batchId;
    this.orgs = List.copyOf(orgs);
    startedAtNanos = System.nanoTime();
    deadlineNanos = startedAtNanos + duration.toNanos();
    pool =
        Executors.newFixedThreadPool(
            clients,
            r -> {
              Thread t = new Thread(r, "load-reader");
              t.setDaemon(true);
              return t;
            });
    CountDownLatch done = new CountDownLatch(clients);
    for (int i = 0; i < clients; i++) {
      Reader reader = new Reader(i);
      readers.add(reader);
      pool.execute(
          () -> {
            try {
              reader.run();
            } finally {
              done.countDown();
            }
          });
    }
    Thread announcer =
        new Thread(
            () -> {
              try {
                done.await();
                progressOut.println(
                    "[loadtest] the readers are done; the batch goes on, figures so far:");
                LoadTestMain.printTable(figures(null, null, null), progressOut);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "load-announcer");
    announcer.setDaemon(true);
    announcer.start();
    progressOut.printf(
        "[loadtest] %d readers on %s for %d s (batch %s)%n",
        clients, apiUrl, duration.toSeconds(), batchId);
  }

  /** Waits until the readers are done (the stack must outlive them), then reads progress once. */
  @Override
  public void batchClosed() {
    batchClosedAtNanos = System.nanoTime();
    Instant noticedClose = Instant.now();
    if (pool == null) {
      return;
    }
    pool.shutdown();
    try {
      if (!pool.awaitTermination(duration.toSeconds() + 120, TimeUnit.SECONDS)) {
        pool.shutdownNow();
      }
      // the API may first serve an answer from before the close: marked stale, or fresh for its
      // max-age (2 s) but asked before the close; the final one is asked after it
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (true) {
        HttpResponse<String> r = get("/batches/" + batchId);
        if (r.statusCode() != 200) {
          finalProgressError = "answered " + r.statusCode() + ": " + r.body();
          break;
        }
        finalProgress = json.readTree(r.body());
        boolean askedAfterClose =
            !Instant.parse(finalProgress.path("asOf").asText(Instant.EPOCH.toString()))
                .isBefore(noticedClose);
        if ((!finalProgress.path("stale").asBoolean(false) && askedAfterClose)
            || System.nanoTime() > until) {
          break;
        }
        Thread.sleep(500);
      }
    } catch (IOException e) {
      finalProgressError = e.toString();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      pool.shutdownNow();
    }
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(apiUrl + path))
            .timeout(REQUEST_TIMEOUT)
            .header("Authorization", "Bearer " + RestBatchDriver.VIEWER)
            .header("Accept", "application/json")
            .GET()
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private synchronized void sawStarted(int started) {
    long now = System.currentTimeMillis();
    if (startedSamples.isEmpty() || now - startedSamples.peekLast()[0] >= 1_000) {
      startedSamples.addLast(new long[] {now, started});
    }
    // keep one sample older than the lag at the head: the newest such
    while (startedSamples.size() > 1) {
      java.util.Iterator<long[]> it = startedSamples.iterator();
      it.next();
      if (now - it.next()[0] >= STARTED_LAG_MILLIS) {
        startedSamples.removeFirst();
      } else {
        break;
      }
    }
    long[] head = startedSamples.peekFirst();
    if (now - head[0] >= STARTED_LAG_MILLIS) {
      readable = (int) Math.min(head[1], orgs.size());
    }
  }

  private synchronized int readable() {
    return readable;
  }

  /** One reader: its own tallies, merged once every reader has stopped. */
  private final class Reader implements Runnable {
    private final int index;
    private final Map<Kind, long[]> latencies = new EnumMap<>(Kind.class);
    private final Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
    private final Map<Kind, Map<String, Integer>> byStatus = new EnumMap<>(Kind.class);
    private int staleProgress;
    private long maxProgressAgeMillis = -1;
    private int wrongBodies;
    private final List<String> samples = new ArrayList<>();

    Reader(int index) {
      this.index = index;
      for (Kind kind : Kind.values()) {
        latencies.put(kind, new long[1024]);
        counts.put(kind, 0);
        byStatus.put(kind, new TreeMap<>());
      }
    }

    @Override
    public void run() {
      long turn = index;
      while (System.nanoTime() < deadlineNanos && !Thread.currentThread().isInterrupted()) {
        Kind kind = Kind.values()[(int) (turn++ % Kind.values().length)];
        int started = readable();
        if (kind == Kind.MIGRATION && started == 0) {
          kind = Kind.BATCH;
        }
        String path =
            switch (kind) {
              case MIGRATION ->
                  "/migrations/"
                      + orgs.get(ThreadLocalRandom.current().nextInt(started)).sourceOrgId();
              case LIST -> "/migrations?step=" + Step.values()[(int) (turn % Step.values().length)];
              case BATCH -> "/batches/" + batchId;
            };
        long begin = System.nanoTime();
        String status;
        String body = null;
        try {
          HttpResponse<String> r = get(path);
          status = Integer.toString(r.statusCode());
          body = r.body();
        } catch (IOException e) {
          status = e instanceof java.net.http.HttpTimeoutException ? "timeout" : "io-error";
          note(kind + " " + path + ": " + e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        record(kind, System.nanoTime() - begin, status);
        if (body != null) {
          check(kind, path, status, body);
        }
      }
    }

    private void record(Kind kind, long nanos, String status) {
      int n = counts.get(kind);
      long[] kept = latencies.get(kind);
      if (n == kept.length) {
        kept = Arrays.copyOf(kept, n * 2);
        latencies.put(kind, kept);
      }
      kept[n] = nanos;
      counts.put(kind, n + 1);
      byStatus.get(kind).merge(status, 1, Integer::sum);
    }

    private void check(Kind kind, String path, String status, String body) {
      if (!status.equals("200")) {
        if (!status.startsWith("2")) {
          note(kind + " " + path + " answered " + status + ": " + shorten(body));
        }
        return;
      }
      try {
        JsonNode answer = json.readTree(body);
        boolean sane =
            switch (kind) {
              case MIGRATION -> answer.hasNonNull("step");
              case LIST -> answer.path("migrations").isArray();
              case BATCH -> batchAnswer(answer);
            };
        if (!sane) {
          wrongBodies++;
          note(kind + " " + path + " answered an unexpected body: " + shorten(body));
        }
      } catch (IOException e) {
        wrongBodies++;
        note(kind + " " + path + " answered no JSON: " + shorten(body));
      }
    }

    private boolean batchAnswer(JsonNode progress) {
      int total = progress.path("total").asInt(-1);
      int finished = progress.path("finished").asInt(-1);
      int started = progress.path("started").asInt(-1);
      if (total != orgs.size() || finished < 0 || finished > started || started > total) {
        return false;
      }
      sawStarted(started);
      if (progress.path("stale").asBoolean(false)) {
        staleProgress++;
      }
      String asOf = progress.path("asOf").asText(null);
      if (asOf != null) {
        try {
          long age = System.currentTimeMillis() - Instant.parse(asOf).toEpochMilli();
          maxProgressAgeMillis = Math.max(maxProgressAgeMillis, age);
        } catch (DateTimeParseException e) {
          return false;
        }
      }
      return true;
    }

    private void note(String problem) {
      if (samples.size() < 5) {
        samples.add(problem);
      }
    }
  }

  private static String shorten(String text) {
    return text.length() > 300 ? text.substring(0, 300) + "..." : text;
  }

  /**
   * The figures of every reader together (once they are done); {@code bench} is null when the batch
   * did not close, {@code options} when only the load's own figures are wanted.
   */
  synchronized ObjectNode figures(LoadOptions options, BenchFigures bench, String batchError) {
    ObjectNode out = json.createObjectNode();
    out.put("orgs", options == null ? orgs.size() : options.orgs());
    out.put("clients", clients);
    out.put("duration_s", duration.toSeconds());
    out.put("temporal", options == null ? "" : options.temporal());
    long requests = 0;
    long fivexx = 0;
    long http503 = 0;
    long unanswered = 0;
    long fourxx = 0;
    ObjectNode endpoints = out.putObject("endpoints");
    for (Kind kind : Kind.values()) {
      int n = 0;
      for (Reader r : readers) {
        n += r.counts.get(kind);
      }
      long[] all = new long[n];
      int at = 0;
      Map<String, Integer> statuses = new TreeMap<>();
      for (Reader r : readers) {
        int c = r.counts.get(kind);
        System.arraycopy(r.latencies.get(kind), 0, all, at, c);
        at += c;
        r.byStatus.get(kind).forEach((s, k) -> statuses.merge(s, k, Integer::sum));
      }
      Arrays.sort(all);
      ObjectNode e = endpoints.putObject(kind.route);
      e.put("requests", n);
      e.put("p50_ms", millis(percentile(all, 50)));
      e.put("p90_ms", millis(percentile(all, 90)));
      e.put("p99_ms", millis(percentile(all, 99)));
      e.put("max_ms", millis(n == 0 ? 0 : all[n - 1]));
      ObjectNode s = e.putObject("by_status");
      statuses.forEach(s::put);
      requests += n;
      for (Map.Entry<String, Integer> st : statuses.entrySet()) {
        String code = st.getKey();
        if (code.startsWith("5")) {
          fivexx += st.getValue();
        } else if (code.startsWith("4")) {
          fourxx += st.getValue();
        } else if (!Character.isDigit(code.charAt(0))) {
          unanswered += st.getValue();
        }
        if (code.equals("503")) {
          http503 += st.getValue();
        }
      }
    }
    double seconds = duration.toMillis() / 1000.0;
    out.put("requests", requests);
    out.put("requests_per_s", BenchFigures.round(requests / seconds, 1));
    out.put("http_4xx", fourxx);
    out.put("http_5xx", fivexx);
    out.put("http_503", http503);
    out.put("unanswered", unanswered);
    out.put("unexpected_bodies", readers.stream().mapToInt(r -> r.wrongBodies).sum());
    out.put("stale_progress_answers", readers.stream().mapToInt(r -> r.staleProgress).sum());
    out.put(
        "max_progress_age_ms",
        readers.stream().mapToLong(r -> r.maxProgressAgeMillis).max().orElse(-1));
    if (options != null) {
      out.put(
          "batch_closed_during_load",
          batchClosedAtNanos > 0 && batchClosedAtNanos < deadlineNanos && pool != null);
      out.put("batch_completed", bench != null && bench.completed() == bench.orgs());
      if (bench != null) {
        out.put("batch_elapsed_s", bench.elapsedS());
        out.put("batch_failed_orgs", bench.failed());
      }
      if (batchError != null) {
        out.put("batch_error", batchError);
      }
      if (finalProgress != null) {
        ObjectNode last = out.putObject("final_progress");
        for (String field : List.of("total", "finished", "completed", "failed", "stale", "asOf")) {
          if (finalProgress.has(field)) {
            last.set(field, finalProgress.get(field));
          }
        }
      } else if (finalProgressError != null) {
        out.put("final_progress_error", finalProgressError);
      }
    }
    List<String> problems = new ArrayList<>();
    readers.forEach(r -> r.samples.stream().limit(2).forEach(problems::add));
    out.putPOJO("problem_samples", problems.stream().limit(10).toList());
    return out;
  }

  /** Nearest rank: the smallest value with at least {@code p}% of the values at or below it. */
  static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
  }

  private static double millis(long nanos) {
    return BenchFigures.round(nanos / 1e6, 1);
  }
}
