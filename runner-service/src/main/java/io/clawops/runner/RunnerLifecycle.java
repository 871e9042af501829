package io.clawops.runner;

import io.clawops.runner.agent.RuntimeProfiles;
import io.clawops.runner.config.RunnerConfig;
import io.clawops.runner.config.RunnerSettings;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;

/** Starts this process's runner with the application and shuts it down gracefully on SIGTERM. */
@ApplicationScoped
public class RunnerLifecycle {

  @Inject RunnerConfig config;
  @Inject MeterRegistry metrics;

  @Inject
  @Identifier("default-kafka-broker")
  Map<String, Object> kafka;

  private volatile Runner runner;

  void onStart(@Observes StartupEvent event) throws InterruptedException {
    RuntimeProfiles profiles = RuntimeProfiles.load(config.runtimesFile());
    runner = new Runner(RunnerSettings.from(config, kafka), profiles);
    Gauge.builder("clawops.runner.slots.busy", runner, r -> r.slots().busy())
        .description("Execution slots running an agent")
        .register(metrics);
    Gauge.builder("clawops.runner.slots", runner, r -> r.slots().capacity())
        .description("Execution slots of this runner")
        .register(metrics);
    runner.start();
  }

  void onStop(@Observes ShutdownEvent event) {
    if (runner != null) {
      runner.close();
    }
  }

  /** The running instance; null before start-up finished. */
  public Runner runner() {
    return runner;
  }

  /** The settings the instance was built from, for assembling another one (tests). */
  public RunnerSettings settings() {
    return RunnerSettings.from(config, kafka);
  }
}
