package io.clawops.runner.agent;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * One running agent process and the processes it started: its pipes, stdin writes in order, and
 * stopping the whole tree.
 *
 * <p>Descendants are remembered while the agent runs because a child whose parent died is
 * re-parented and no longer shows up as a descendant, yet may still hold the stdout pipe open.
 */
public final class AgentProcess {

  /** How long output may go on after the agent exited before leftovers are killed. */
  private static final long DRAIN_MS = 2_000;

  private static final Logger LOG = Logger.getLogger(AgentProcess.class);

  private final Process process;
  private final Set<ProcessHandle> knownTree = ConcurrentHashMap.newKeySet();
  private Thread stdoutPump;
  private Thread stderrPump;
  private CompletableFuture<Void> stdinWrites = CompletableFuture.completedFuture(null);

  private AgentProcess(Process process) {
    this.process = process;
  }

  public static AgentProcess start(List<String> command, Path workdir, Map<String, String> env)
      throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(workdir.toFile());
    builder.environment().clear();
    builder.environment().putAll(env);
    return new AgentProcess(builder.start());
  }

  public long pid() {
    return process.pid();
  }

  /** Hands every stdout and stderr line to its consumer, each stream on a thread of its own. */
  public void pumpOutput(
      ThreadFactory threads,
      int maxLineBytes,
      Consumer<BoundedLineReader.Line> onStdout,
      Consumer<BoundedLineReader.Line> onStderr) {
    stdoutPump = OutputPump.start(threads, process.getInputStream(), maxLineBytes, "out", onStdout);
    stderrPump = OutputPump.start(threads, process.getErrorStream(), maxLineBytes, "err", onStderr);
  }

  /**
   * Waits for the agent to exit and its output to end, returning the exit code. A child the agent
   * left behind may still hold stdout open: then what is left of the tree is killed.
   */
  public int awaitExit() throws InterruptedException {
    int exit = process.waitFor();
    stdoutPump.join(DRAIN_MS);
    if (stdoutPump.isAlive()) {
      LOG.warnf("agent pid %d exited but its stdout stays open; killing leftovers", pid());
      killTree();
      stdoutPump.join(DRAIN_MS);
    }
    stderrPump.join(DRAIN_MS);
    return exit;
  }

  /** Adds the current descendants to the remembered tree. */
  public void rememberDescendants() {
    if (process.isAlive()) {
      process.descendants().forEach(knownTree::add);
    }
  }

  /** SIGTERM to the agent and every process it started, so each can clean up. */
  public void terminateTree() {
    rememberDescendants();
    process.toHandle().destroy();
    knownTree.forEach(ProcessHandle::destroy);
  }

  /** SIGKILL to whatever is left of the tree. */
  public void killTree() {
    rememberDescendants();
    process.toHandle().destroyForcibly();
    knownTree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }

  /** True while the agent or any remembered descendant still runs. */
  public boolean treeAlive() {
    return process.isAlive() || knownTree.stream().anyMatch(ProcessHandle::isAlive);
  }

  /**
   * Writes one line to the agent's stdin on {@code writer}, after every earlier line; a full pipe
   * (an agent that does not read stdin) blocks only that writer, never the caller.
   */
  public synchronized CompletableFuture<Void> writeLine(String line, Executor writer) {
    stdinWrites =
        stdinWrites.handle((ignored, failure) -> null).thenRunAsync(() -> write(line), writer);
    return stdinWrites;
  }

  private void write(String line) {
    try {
      OutputStream stdin = process.getOutputStream();
      stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      stdin.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Closes stdin on {@code writer} once every line written before has gone out. */
  public synchronized void closeStdinAfterWrites(Executor writer) {
    stdinWrites =
        stdinWrites.handle((ignored, failure) -> null).thenRunAsync(this::closeStdin, writer);
  }

  /** Closes stdin so a reader blocked on it sees the end. */
  public void closeStdin() {
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      // Already closed or the agent is gone: nothing left to release.
    }
  }
}
