package io.clawops.runner.agent;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/** Reads one of an agent's output streams line by line on a thread of its own until it ends. */
final class OutputPump {

  private static final Logger LOG = Logger.getLogger(OutputPump.class);

  private OutputPump() {}

  static Thread start(
      ThreadFactory threads,
      InputStream stream,
      int maxLineBytes,
      String name,
      Consumer<BoundedLineReader.Line> onLine) {
    Thread thread =
        threads.newThread(
            () -> {
              BoundedLineReader reader = new BoundedLineReader(stream, maxLineBytes);
              try {
                for (var line = reader.next(); line != null; line = reader.next()) {
                  deliver(onLine, line);
                }
              } catch (IOException e) {
                // The pipe closed under us: the agent is gone, which its supervisor handles.
              }
            });
    thread.setName(Thread.currentThread().getName() + "-" + name);
    thread.start();
    return thread;
  }

  /** One bad line must not stop the pump: an unread pipe would block the agent. */
  private static void deliver(
      Consumer<BoundedLineReader.Line> onLine, BoundedLineReader.Line line) {
    try {
      onLine.accept(line);
    } catch (RuntimeException e) {
      LOG.warnf("agent output line skipped: %s", e.getClass().getSimpleName());
    }
  }
}
