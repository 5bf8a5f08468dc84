import { LatencyHistogram } from './latency-histogram';

const MAX_ERROR_SAMPLES = 10;

/**
 * Everything a run counts, shared by its virtual players. Plain counters and fixed-size
 * histograms: nothing here grows with the number of messages.
 */
export class RunStats {
  readonly joinMs = new LatencyHistogram();
  /** A join's first half, the seat reservation (matchmaking over HTTP), where a scenario times it apart. */
  readonly seatMs = new LatencyHistogram();
  /**
   * The rest of a wire join, step by step (see WireRoom.reached): the socket to the origin, the
   * upgrade's answer, the room's admission (its onAuth and onJoin: JOIN_ROOM) and the first state.
   */
  readonly joinStepsMs = { connect: new LatencyHistogram(), upgrade: new LatencyHistogram(), admit: new LatencyHistogram(), firstState: new LatencyHistogram() };
  readonly choiceRttMs = new LatencyHistogram();
  readonly advanceRttMs = new LatencyHistogram();
  /** `next` at a chapter's end answered by the next chapter's first scene, in the same room. */
  readonly nextChapterRttMs = new LatencyHistogram();
  /** Choice round trips that started once every player had joined: the steady state, without the ramp's join storm. */
  readonly choiceRttAfterRampMs = new LatencyHistogram();
  /** performance.now() at which the ramp ends (set when the run starts). */
  rampEndsAt = 0;
  readonly errorsByCode = new Map<string, number>();
  /** The first error of each code in words, so a report says what went wrong and not only how often. */
  readonly errorSamples: string[] = [];
  /** Server refusals a replay expected (they were in the recording); not errors. */
  readonly refusalsByCode = new Map<string, number>();
  messagesSent = 0;
  messagesReceived = 0;
  /** Reading rooms: comments the server did not send readers live (its `commentsHeldBack` counts). */
  commentsHeldBack = 0;
  /** Sessions open right now. */
  connected = 0;
  /** Players that joined a session at least once. */
  playersConnected = 0;
  /** Players that stopped because every chapter they could open was locked (NO_KEYS): not an error. */
  playersLocked = 0;
  replays = 0;
  diverged = 0;

  /** A wire join's steps after its seat (performance.now() marks; see WireRoom.reached). */
  joinSteps(seatAt: number, reached: { connected: number; upgraded: number; admitted: number }, stateAt: number): void {
    this.joinStepsMs.connect.record(reached.connected - seatAt);
    this.joinStepsMs.upgrade.record(reached.upgraded - reached.connected);
    this.joinStepsMs.admit.record(reached.admitted - reached.upgraded);
    this.joinStepsMs.firstState.record(stateAt - reached.admitted);
  }

  /** One `choose`, `advance` or `next` answered by a new scene, sent at `sentAt` (performance.now()). */
  roundTrip(message: 'choose' | 'advance' | 'next', sentAt: number, rttMs: number): void {
    if (message === 'advance') return this.advanceRttMs.record(rttMs);
    if (message === 'next') return this.nextChapterRttMs.record(rttMs);
    this.choiceRttMs.record(rttMs);
    if (sentAt >= this.rampEndsAt) this.choiceRttAfterRampMs.record(rttMs);
  }

  get errors(): number {
    let total = 0;
    for (const count of this.errorsByCode.values()) total += count;
    return total;
  }

  error(code: string, detail?: string): void {
    const seen = this.errorsByCode.get(code) ?? 0;
    this.errorsByCode.set(code, seen + 1);
    // The first of each code says enough; a thousand copies would drown the report.
    if (seen === 0 && detail && this.errorSamples.length < MAX_ERROR_SAMPLES) this.errorSamples.push(`${code}: ${detail}`.slice(0, 240));
  }

  refusal(code: string): void {
    this.refusalsByCode.set(code, (this.refusalsByCode.get(code) ?? 0) + 1);
  }
}
