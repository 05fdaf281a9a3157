/**
 * The live-sync work done in the current event-loop turn, across every connection and room.
 * Messages that arrive together (one TCP read can carry hundreds) are handled one after
 * another in a single turn; past `maxMsPerTurn` of them, the rest wait for a later turn
 * (`MessageThrottle`), so HTTP requests and other rooms are served in between and no run of
 * costly messages holds the event loop for long. A single message still takes what it takes.
 */
export class TurnBudget {
  private spent = 0;
  private resetScheduled = false;

  constructor(private readonly maxMsPerTurn: number) {}

  get exhausted(): boolean {
    return this.spent >= this.maxMsPerTurn;
  }

  charge(milliseconds: number): void {
    this.spent += milliseconds;
    if (this.resetScheduled) return;
    this.resetScheduled = true;
    // `setImmediate` runs after this turn's I/O callbacks: the next turn starts afresh.
    setImmediate(() => {
      this.spent = 0;
      this.resetScheduled = false;
    });
  }
}
