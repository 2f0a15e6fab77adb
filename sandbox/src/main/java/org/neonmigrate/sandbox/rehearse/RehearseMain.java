package org.neonmigrate.sandbox.rehearse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.neonmigrate.sandbox.SandboxOptions.BadFlag;

/** {@code java -jar neonmigrate-sandbox.jar rehearse [flags]}: see {@link RehearseOptions}. */
public final class RehearseMain {
  private RehearseMain() {}

  /** Runs a rehearsal and returns the exit code: 0 clean, 1 not clean or broken, 2 bad flags. */
  public static int run(String... args) {
    RehearseOptions options;
    try {
      options = RehearseOptions.parse(args);
    } catch (BadFlag e) {
      System.err.println("error: " + e.getMessage());
      System.err.println("Run with rehearse --help for the list of flags.");
      return 2;
    }
    if (options.help()) {
      System.out.print(RehearseOptions.USAGE);
      return 0;
    }
    ObjectNode result;
    try {
      result = Rehearsal.run(options, System.err);
    } catch (IOException e) {
      System.err.println("error: the rehearsal could not run: " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      System.err.println("error: interrupted");
      return 1;
    }
    try {
      System.out.println(new ObjectMapper().writeValueAsString(result));
    } catch (IOException e) {
      System.err.println("error: " + e.getMessage());
      return 1;
    }
    boolean clean = result.path("clean").asBoolean();
    System.err.println(
        clean
            ? "[rehearse] clean: every org completed, nothing lost or done twice"
            : "[rehearse] NOT CLEAN: see the JSON line (examples name what to look at)");
    return clean ? 0 : 1;
  }
}
