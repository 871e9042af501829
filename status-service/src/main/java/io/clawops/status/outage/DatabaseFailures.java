package io.clawops.status.outage;

import io.clawops.status.persistence.StaleClawsException;
import java.net.ConnectException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import javax.transaction.xa.XAException;

/**
 * Tells a failure that says the database is away or busy for now (worth the same work again later;
 * claws other writers kept changing count too) from one the work itself causes (a poison record, a
 * bug), by the SQLException somewhere in its cause chain: the fold wraps it in an
 * IllegalStateException, the transaction manager in a RollbackException, the pool in its own
 * SQLException.
 */
public final class DatabaseFailures {

  /**
   * SQLStates (PostgreSQL Appendix A) of a failure that the same statement may not meet again:
   * serialization failure, deadlock, statement completion unknown, lock not available, query
   * canceled (statement or lock timeout), admin or crash shutdown, cannot connect now, too many
   * connections. Class 08 (connection exception) is matched as a class.
   */
  private static final Set<String> TRANSIENT_STATES =
      Set.of("40001", "40P01", "40003", "55P03", "57014", "57P01", "57P02", "57P03", "53300");

  /** What Agroal says when no connection came from the pool within the acquisition timeout. */
  private static final String ACQUISITION_TIMEOUT = "Sorry, acquisition timeout";

  /** Causes followed at most: a chain is never that long unless it loops. */
  private static final int MAX_DEPTH = 32;

  private DatabaseFailures() {}

  /** True when some cause of {@code failure} says the database is down, unreachable or busy. */
  public static boolean isTransient(Throwable failure) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable cause = failure;
        cause != null && seen.size() < MAX_DEPTH && seen.add(cause);
        cause = next(cause)) {
      if (isTransientItself(cause)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isTransientItself(Throwable cause) {
    if (cause instanceof StaleClawsException) {
      // Other writers kept changing these claws while they were decided: contention, like a
      // serialization failure, never a fault of the records.
      return true;
    }
    if (cause instanceof SQLTransientException || cause instanceof SQLRecoverableException) {
      return true;
    }
    if (cause instanceof SQLException sql) {
      String state = sql.getSQLState();
      if (state != null && (state.startsWith("08") || TRANSIENT_STATES.contains(state))) {
        return true;
      }
      String message = sql.getMessage();
      return message != null && message.startsWith(ACQUISITION_TIMEOUT);
    }
    if (cause instanceof XAException xa) {
      // The resource manager failed or lost the connection while committing or rolling back.
      return xa.errorCode == XAException.XAER_RMFAIL || xa.errorCode == XAException.XA_RBCOMMFAIL;
    }
    return cause instanceof ConnectException || cause instanceof SocketException;
  }

  /** The next cause: JDBC chains further failures of one call with {@code getNextException}. */
  private static Throwable next(Throwable cause) {
    if (cause.getCause() != null) {
      return cause.getCause();
    }
    return cause instanceof SQLException sql ? sql.getNextException() : null;
  }
}
