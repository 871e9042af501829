package io.clawops.status.fold;

import io.agroal.api.AgroalDataSource;
import io.clawops.status.claw.ClawReducer;
import io.clawops.status.claw.ClawSnapshot;
import io.clawops.status.claw.Decision;
import io.clawops.status.claw.RuleSettings;
import io.clawops.status.config.StatusConfig;
import io.clawops.status.persistence.ClawRepository;
import io.clawops.status.persistence.ClawUnitOfWork;
import io.clawops.status.persistence.StaleClawsException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The one load → decide → commit path of every change to a claw (DESIGN §7, §9): the fold, the
 * timers and the REST actions each load snapshots their way, hand them with their inputs to {@link
 * ClawReducer}, and write what it decided with one statement per table, in one transaction. A write
 * expects the version its snapshot was read at; when another writer was first, the round is decided
 * again from what is stored.
 */
@ApplicationScoped
public class ClawDecider {

  /** A round whose claws another writer changed meanwhile is decided again this often at most. */
  static final int ROUNDS = 5;

  private static final Logger LOG = Logger.getLogger(ClawDecider.class);

  @Inject AgroalDataSource dataSource;
  @Inject StatusConfig config;
  @Inject SourceName source;
  @Inject ClawCache cache;

  /** What one round does inside its transaction. */
  @FunctionalInterface
  public interface Body<T> {
    T run(Round round) throws SQLException;
  }

  /**
   * Runs {@code body} in a new transaction, again (up to {@link #ROUNDS} times) when a claw it
   * wrote was changed by another writer meanwhile. What it wrote is kept in the {@link ClawCache}
   * once committed.
   */
  public <T> T run(String what, Body<T> body) {
    for (int round = 1; ; round++) {
      Round work = new Round();
      try {
        T result =
            QuarkusTransaction.requiringNew()
                .call(
                    () -> {
                      try (Connection connection = dataSource.getConnection()) {
                        work.connection = connection;
                        return body.run(work);
                      } catch (SQLException e) {
                        throw new IllegalStateException("could not apply " + what, e);
                      }
                    });
        cache.putAll(work.written.values());
        return result;
      } catch (StaleClawsException stale) {
        // A timer, an action or another instance wrote some of these claws: read them again.
        cache.evictAll(work.loaded);
        if (round == ROUNDS) {
          throw stale;
        }
        LOG.debugf("%s: %s; deciding again", what, stale.getMessage());
      } catch (RuntimeException failure) {
        cache.evictAll(work.loaded);
        throw failure;
      }
    }
  }

  /** One transaction's reads and writes. */
  public final class Round {

    private Connection connection;
    private final Set<UUID> loaded = new HashSet<>();
    private final Map<UUID, ClawSnapshot> written = new HashMap<>();
    private final Map<UUID, ClawUnitOfWork.Lines> lines = new HashMap<>();

    public Connection connection() {
      return connection;
    }

    /** The snapshots of these claws, from the cache when this instance wrote them last. */
    public Map<UUID, ClawSnapshot> load(Collection<UUID> clawIds) throws SQLException {
      loaded.addAll(clawIds);
      Map<UUID, ClawSnapshot> found = new HashMap<>(cache.getAll(clawIds));
      if (found.size() < clawIds.size()) {
        Set<UUID> unread = new HashSet<>(clawIds);
        unread.removeAll(found.keySet());
        found.putAll(ClawRepository.findAll(connection, unread));
      }
      return found;
    }

    /** The stored snapshots of these claws, locked until the round commits. */
    public Map<UUID, ClawSnapshot> lock(Collection<UUID> clawIds) throws SQLException {
      loaded.addAll(clawIds);
      return ClawRepository.lockAll(connection, clawIds);
    }

    /** Marks snapshots the caller loaded itself as read by this round. */
    public void loaded(Collection<UUID> clawIds) {
      loaded.addAll(clawIds);
    }

    /**
     * Decides each claw's steps on its snapshot (absent: a claw seen for the first time) and writes
     * the decisions: the documents that changed, their timeline lines and their records.
     */
    public Map<UUID, Decision> decide(
        Map<UUID, ClawSnapshot> snapshots, Map<UUID, List<ClawReducer.Step>> steps)
        throws SQLException {
      Map<UUID, Decision> decisions = evaluate(snapshots, steps);
      write(decisions);
      return decisions;
    }

    /** Decides each claw's steps on its snapshot without writing anything yet. */
    public Map<UUID, Decision> evaluate(
        Map<UUID, ClawSnapshot> snapshots, Map<UUID, List<ClawReducer.Step>> steps) {
      RuleSettings rules = config.ruleSettings();
      Map<UUID, Decision> decisions = new LinkedHashMap<>();
      for (Map.Entry<UUID, List<ClawReducer.Step>> entry : steps.entrySet()) {
        UUID clawId = entry.getKey();
        Decision decision =
            ClawReducer.decideAll(
                snapshots.get(clawId), clawId, entry.getValue(), rules, source.value());
        // Its lines' chunks now, while what they were made of is fresh in memory.
        lines.put(clawId, ClawUnitOfWork.lines(decision.timeline()));
        decisions.put(clawId, decision);
      }
      return decisions;
    }

    /** Writes decisions: the documents that changed, their timeline lines and their records. */
    public void write(Map<UUID, Decision> decisions) throws SQLException {
      Instant writtenAt = Instant.now();
      ClawUnitOfWork.Batch batch = new ClawUnitOfWork.Batch(config.timelineLimit());
      for (Map.Entry<UUID, Decision> entry : decisions.entrySet()) {
        Decision decision = entry.getValue();
        if (decision.snapshot() != null) {
          batch.add(decision, writtenAt, lines.get(entry.getKey()));
        }
      }
      batch.flush(connection);
      for (Map.Entry<UUID, Decision> entry : decisions.entrySet()) {
        Decision decision = entry.getValue();
        if (decision.snapshot() != null && decision.changed()) {
          written.put(entry.getKey(), decision.snapshot().written(batch.storedDue(entry.getKey())));
        }
      }
    }
  }
}
