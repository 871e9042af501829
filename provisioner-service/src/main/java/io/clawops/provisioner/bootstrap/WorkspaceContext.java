package io.clawops.provisioner.bootstrap;

import io.clawops.contracts.message.Capabilities;
import io.clawops.contracts.sanitize.Sanitizer;
import io.clawops.provisioner.request.ClawRequest;
import io.clawops.provisioner.request.RepositoryRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * The text of the context file the agent finds in its workspace. It states first what the runtime
 * does not allow, because an agent that learns it only from failing tool calls loops on them.
 */
public final class WorkspaceContext {

  private WorkspaceContext() {}

  /** The missing capabilities, one instruction each; empty when nothing is restricted. */
  public static List<String> restrictions(Capabilities capabilities) {
    List<String> lines = new ArrayList<>();
    if (!capabilities.elevatedExec()) {
      lines.add("Elevated execution is not available: do not use sudo or elevated exec.");
    }
    if (!capabilities.browser()) {
      lines.add("A browser is not available: do not try to open web pages with a browser tool.");
    }
    if (!capabilities.fileTools()) {
      lines.add("File tools are not available: do not read or write files with file tools.");
    }
    if (!capabilities.processTools()) {
      lines.add("Process tools are not available: do not start or manage processes.");
    }
    return lines;
  }

  /** The whole file: restrictions, then where each repository is. */
  public static String render(ClawRequest request) {
    StringBuilder text = new StringBuilder("# ClawOps workspace context\n\n");
    text.append("Written by ClawOps before the agent starts. Read it before using any tool.\n\n");
    text.append("## Not available in this runtime\n\n");
    List<String> restrictions = restrictions(request.capabilities());
    if (restrictions.isEmpty()) {
      text.append("- Nothing is restricted: elevated exec, browser, file and process tools are");
      text.append(" available.\n");
    }
    restrictions.forEach(line -> text.append("- ").append(line).append('\n'));
    text.append("\n## Repositories\n\n");
    if (request.repositories().isEmpty()) {
      text.append("- No repositories were requested.\n");
    }
    for (RepositoryRequest repository : request.repositories()) {
      text.append("- `")
          .append(repository.path())
          .append("/`: ")
          .append(Sanitizer.sanitize(repository.displayUrl(), 500))
          .append(repository.required() ? " (required)" : " (optional: may be missing)")
          .append('\n');
    }
    return text.toString();
  }
}
