package org.neonmigrate.sandbox.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.neonmigrate.sandbox.SandboxOptions;

/** {@code java -jar neonmigrate-sandbox.jar bench ...}: runs one benchmark, prints its figures. */
public final class BenchMain {
  private BenchMain() {}

  /** Runs with the arguments after {@code bench}; answers the process exit code. */
  public static int run(String... args) {
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (SandboxOptions.BadFlag e) {
      System.err.println("error: " + e.getMessage());
      System.err.print(BenchOptions.USAGE);
      return 2;
    }
    if (options.help()) {
      System.out.print(BenchOptions.USAGE);
      return 0;
    }
    try {
      BenchFigures figures = new Benchmark(options, System.err).run();
      System.out.println(new ObjectMapper().writeValueAsString(figures));
      System.out.flush();
      return figures.failed() == 0 && figures.completed() == figures.orgs() ? 0 : 1;
    } catch (IOException | RuntimeException e) {
      System.err.println("error: the benchmark did not complete: " + e);
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }
}
