package io.clawops.contracts.message;

/**
 * The type-specific {@code data} of an {@link Envelope}: one record per message type of the
 * contract, plus {@link UnknownData} for types or schemas this build does not know.
 *
 * <p>Every record exposes its wire type as a {@code TYPE} constant, so consumers can switch on
 * {@link Envelope#type()} with the same constants producers use.
 */
public sealed interface MessageData
    permits BootstrapRequested,
        BootstrapStep,
        BootstrapCompleted,
        TaskDispatched,
        RunEvent,
        RunHeartbeat,
        RunnerBeat,
        Command,
        StatusChanged,
        UnknownData {

  /** The dotted wire type, e.g. {@code run.tool_result}. */
  String type();
}
