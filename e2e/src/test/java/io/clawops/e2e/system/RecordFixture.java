package io.clawops.e2e.system;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks an end-to-end test whose topic history {@link FixtureRecorder} writes as the replay fixture
 * {@code value} when {@code -Dclawops.record.fixtures=<dir>} is set; without it, nothing happens.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(FixtureRecorder.class)
public @interface RecordFixture {

  /** The story's name: the fixture becomes {@code <dir>/<value>.jsonl}. */
  String value();
}
