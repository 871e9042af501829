package io.clawops.provisioner.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removes directory trees left by clones that failed or were moved into place. */
public final class StagingDirectories {

  private StagingDirectories() {}

  /** Deletes {@code directory} and everything in it; nothing when it does not exist. */
  public static void delete(Path directory) throws IOException {
    if (directory == null || !Files.exists(directory)) {
      return;
    }
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
  }

  /** Like {@link #delete(Path)}, for clean-ups whose failure must not hide the original error. */
  public static void deleteQuietly(Path directory) {
    try {
      delete(directory);
    } catch (IOException e) {
      // The staging area is scratch space; a leftover only costs disk.
    }
  }
}
