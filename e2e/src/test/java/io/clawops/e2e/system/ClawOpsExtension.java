package io.clawops.e2e.system;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts the {@link ClawOpsSystem} once for the whole test run (in the root context's store, which
 * closes it when the run ends) and hands it to test classes and methods as a parameter.
 */
public final class ClawOpsExtension implements BeforeAllCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(ClawOpsExtension.class);

  /** A failed start is remembered, so the next class fails at once instead of trying again. */
  private static volatile RuntimeException startFailure;

  @Override
  public void beforeAll(ExtensionContext context) {
    system(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == ClawOpsSystem.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return system(context);
  }

  /** The system of this test run, started on first use (also for {@link FixtureRecorder}). */
  static ClawOpsSystem system(ExtensionContext context) {
    if (startFailure != null) {
      throw new IllegalStateException("the system failed to start earlier", startFailure);
    }
    try {
      return context
          .getRoot()
          .getStore(NAMESPACE)
          .computeIfAbsent(ClawOpsSystem.class, key -> ClawOpsSystem.start(), ClawOpsSystem.class);
    } catch (RuntimeException e) {
      startFailure = e;
      throw e;
    }
  }
}
