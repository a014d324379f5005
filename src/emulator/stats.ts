/** What the emulated host counts, so tests can hold the add-in to a budget. */

export interface RequestStats {
  /** Size of the request as the emulator counts it (see context.ts). */
  bytes: number;
  actions: number;
  /** Cells read by the loads of the request. */
  readCells: number;
  /** Approximate size of the response: the JSON of the cell values loaded. */
  responseBytes: number;
}

export interface EmulatorStats {
  /** Calls of `context.sync()` (including Excel.run's closing sync when it carries actions). */
  syncs: number;
  /** One entry per sync that carried actions, failed ones included. */
  requests: RequestStats[];
  suspendCalls: number;
  screenUpdatingSuspends: number;
  autofitCalls: number;
  reset(): void;
}

export function createStats(): EmulatorStats {
  const stats: EmulatorStats = {
    syncs: 0,
    requests: [],
    suspendCalls: 0,
    screenUpdatingSuspends: 0,
    autofitCalls: 0,
    reset() {
      stats.syncs = 0;
      stats.requests = [];
      stats.suspendCalls = 0;
      stats.screenUpdatingSuspends = 0;
      stats.autofitCalls = 0;
    },
  };
  return stats;
}
