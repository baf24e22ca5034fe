/**
 * Per-scan scratch space handed to every detector's `find`. Detectors that can reuse work
 * between anchors of one scan (the IPv4 read shared by IP_ADDRESS and INTERNAL_IP, the AWS secret
 * key reader's position, where GENERIC_SECRET last read a value) keep it here rather than in
 * module variables: the scanner creates a context per scan and drops it on return, so no raw
 * text outlives the call, and two scanners (or a nested scan) can never see each other's state.
 */
export interface ScanSlot<T> {
  /** Index of this slot's state in a context; assigned by {@link scanSlot}. */
  readonly id: number;
  /** Fresh state for a new scan. */
  create(): T;
}

let slotCount = 0;

/** Declares a slot (once, at module level). Slots are numbered so a lookup is an array read, not a map lookup: it runs at every anchor. */
export function scanSlot<T>(create: () => T): ScanSlot<T> {
  return { id: slotCount++, create };
}

export class ScanContext {
  private readonly states: unknown[] = [];

  /** This scan's state for `slot`, created on first use. */
  get<T>(slot: ScanSlot<T>): T {
    let state = this.states[slot.id] as T | undefined;
    if (state === undefined) {
      state = slot.create();
      this.states[slot.id] = state;
    }
    return state;
  }
}
