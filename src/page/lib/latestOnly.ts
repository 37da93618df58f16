/**
 * At most one request in flight; while one is out, newer requests replace
 * each other and only the last is sent when the answer comes. A slider
 * dragged faster than the worker renders shows its latest value, not a queue.
 */
export class LatestOnly<T> {
  private inFlight = false;
  private pending: { value: T } | null = null;

  constructor(private readonly send: (value: T) => void) {}

  request(value: T): void {
    if (this.inFlight) {
      this.pending = { value };
      return;
    }
    this.inFlight = true;
    this.send(value);
  }

  /** The answer (or an error) came back: send what waited, if anything. */
  done(): void {
    this.inFlight = false;
    const next = this.pending;
    this.pending = null;
    if (next) this.request(next.value);
  }
}
