package io.clawops.provisioner.persistence;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes files so a reader, or a crash, never sees half of one. */
public final class AtomicFiles {

  private AtomicFiles() {}

  /** Replaces {@code target} with {@code content} in one rename. */
  public static void write(Path target, String content) throws IOException {
    Files.createDirectories(target.getParent());
    Path temp = Files.createTempFile(target.getParent(), ".tmp-", ".part");
    try {
      Files.writeString(temp, content, StandardCharsets.UTF_8);
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Creates {@code target} with {@code content} unless it exists, in one step: the file is written
   * aside and hard-linked into place, which fails atomically when another writer came first.
   *
   * @return true when this call created it
   */
  public static boolean createExclusive(Path target, String content) throws IOException {
    Files.createDirectories(target.getParent());
    Path temp = Files.createTempFile(target.getParent(), ".tmp-", ".part");
    try {
      Files.writeString(temp, content, StandardCharsets.UTF_8);
      Files.createLink(target, temp);
      return true;
    } catch (java.nio.file.FileAlreadyExistsException e) {
      return false;
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
