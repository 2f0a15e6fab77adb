package org.neonmigrate.sandbox.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemporalCliTest {

  @Test
  void theCacheIsWhereCiInstallsThePinnedCli(@TempDir Path dir) {
    assertThat(TemporalCli.cacheDir(Map.of("XDG_CACHE_HOME", dir.toString())))
        .isEqualTo(dir.resolve("neonmigrate/temporal-cli-v1.5.1"));
    assertThat(TemporalCli.cacheDir(Map.of()))
        .isEqualTo(
            Path.of(System.getProperty("user.home"), ".cache/neonmigrate/temporal-cli-v1.5.1"));
  }

  @Test
  void theNamedCliComesFirstThenPathInOrderThenTheCache(@TempDir Path dir) throws Exception {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    Path first = executable(dir.resolve("first"));
    Path second = executable(dir.resolve("second"));
    Path cached = executable(dir.resolve("cache/neonmigrate/temporal-cli-v1.5.1"));
    Path named = dir.resolve("named/temporal");
    String path =
        String.join(
            File.pathSeparator,
            empty.toString(),
            "",
            first.getParent().toString(),
            second.getParent().toString());
    Map<String, String> env =
        Map.of("PATH", path, "XDG_CACHE_HOME", dir.resolve("cache").toString());

    assertThat(TemporalCli.find(Optional.of(named), env)).hasValue(named);
    assertThat(TemporalCli.find(Optional.empty(), env)).hasValue(first);
    assertThat(
            TemporalCli.find(
                Optional.empty(),
                Map.of(
                    "PATH", empty.toString(), "XDG_CACHE_HOME", dir.resolve("cache").toString())))
        .hasValue(cached);
  }

  @Test
  void aFileThatCannotRunIsNotACli(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("temporal"), "not executable");
    Files.createDirectories(dir.resolve("dir/temporal"));
    Map<String, String> env =
        Map.of(
            "PATH",
            dir + File.pathSeparator + dir.resolve("dir"),
            "XDG_CACHE_HOME",
            dir.resolve("no-cache").toString());

    assertThat(TemporalCli.find(Optional.empty(), env)).isEmpty();
  }

  /** A stand-in CLI named {@code temporal} in {@code dir}; returns its path. */
  private static Path executable(Path dir) throws Exception {
    Files.createDirectories(dir);
    Path file = dir.resolve("temporal");
    Files.writeString(file, "#!/bin/sh\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    return file.toAbsolutePath();
  }
}
