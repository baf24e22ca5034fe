/**
 * Per-scan scratch space handed to every detector's `find`. Detectors that can reuse work
 * between anchors of one scan (the IPv4 read shared by IP_ADDRESS and INTERNAL_IP, the AWS secret
 * key reader's position) keep it here rather than in module variables: the scanner creates a
 * context per scan and drops it on return, so no raw text outlives the call, and two scanners
 * (or a nested scan) can never see each other's state.
 */
export interface ScanSlot<T> {
  /** Fresh state for a new scan. */
  create(): T;
}

export class ScanContext {
  private readonly slots = new Map<ScanSlot<unknown>, unknown>();

  /** This scan's state for `slot`, created on first use. */
  get<T>(slot: ScanSlot<T>): T {
    let state = this.slots.get(slot) as T | undefined;
    if (state === undefined) {
      state = slot.create();
      this.slots.set(slot, state);
    }
    return state;
  }
}
