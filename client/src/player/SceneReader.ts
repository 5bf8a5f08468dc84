import type { TimelineLine } from './player-contract';

/**
 * Where the reader is in a scene:
 * - `typing`: a line is being typed out; a tap shows it whole.
 * - `shown`: the line is complete (▼); a tap goes to the next one.
 * - `advancing` / `choosing` / `ended`: the scene has been read through and the player waits for
 *   the shell (next scene, a choice, the chapter end); taps do nothing.
 * - `idle`: nothing to read (before the first scene, or a locked chapter).
 */
export type ReaderPhase = 'idle' | 'typing' | 'shown' | 'advancing' | 'choosing' | 'ended';

export interface ReaderHooks {
  /** `show`/`hide` (and unknown) steps: applied at once, no tap needed. */
  stageStep(step: TimelineLine): void;
  /** Starts showing a spoken line; returns true when it is already whole (reduced motion). */
  presentLine(line: TimelineLine): boolean;
  /** Shows the typing line whole. */
  revealLine(): void;
  /** The scene is over and has no choice: ask the server for the next one. */
  advance(): void;
  showChoices(): void;
  chapterEnd(): void;
}

function isSpokenLine(step: TimelineLine): boolean {
  return step.kind === 'dialogue' || step.kind === 'narration';
}

/** Walks one scene's timeline in answer to taps. Pure logic: the stage and DOM live in the hooks. */
export class SceneReader {
  private timeline: readonly TimelineLine[] = [];
  private status = '';
  private index = -1;
  private current: ReaderPhase = 'idle';

  constructor(private readonly hooks: ReaderHooks) {}

  get phase(): ReaderPhase {
    return this.current;
  }

  /**
   * Starts a scene at step `from` (0: its first; the reader's saved line after a reload). Stage
   * steps before it are applied so the right characters stand there; `from` past the last step
   * goes straight to the scene's end (its choices).
   */
  start(timeline: readonly TimelineLine[], status: string, from = 0): void {
    this.timeline = timeline;
    this.status = status;
    this.current = 'idle';
    const first = Math.min(Math.max(0, from), timeline.length);
    for (let i = 0; i < first; i += 1) {
      const step = timeline[i];
      if (step !== undefined && !isSpokenLine(step)) this.hooks.stageStep(step);
    }
    this.index = first - 1;
    this.next();
  }

  /** The index in the timeline of the line being read (-1 before the first). */
  get lineIndex(): number {
    return this.index;
  }

  /** The same scene's status as the server now says (read when the scene ends). */
  setStatus(status: string): void {
    this.status = status;
  }

  /** A tap, click, Space/Enter or the Continue button. Returns whether it did anything. */
  continue(): boolean {
    if (this.current === 'typing') {
      this.hooks.revealLine();
      this.current = 'shown';
      return true;
    }
    if (this.current === 'shown') {
      this.next();
      return true;
    }
    return false;
  }

  /** The typewriter reached the end of the line by itself. */
  lineRevealed(): void {
    if (this.current === 'typing') this.current = 'shown';
  }

  /** The server refused `advance` (the shell showed why): the next tap may ask again. */
  allowRetry(): void {
    if (this.current === 'advancing') this.current = 'shown';
  }

  private next(): void {
    for (this.index += 1; this.index < this.timeline.length; this.index += 1) {
      const step = this.timeline[this.index];
      if (step === undefined) continue;
      if (isSpokenLine(step)) {
        this.current = 'typing';
        if (this.hooks.presentLine(step)) this.current = 'shown';
        return;
      }
      this.hooks.stageStep(step);
    }
    this.finishScene();
  }

  private finishScene(): void {
    // Set before calling out: a hook that re-enters (a synchronous showScene) must win.
    if (this.status === 'playing') {
      this.current = 'advancing';
      this.hooks.advance();
    } else if (this.status === 'choice') {
      this.current = 'choosing';
      this.hooks.showChoices();
    } else if (this.status === 'ended') {
      this.current = 'ended';
      this.hooks.chapterEnd();
    } else {
      this.current = 'idle';
    }
  }
}
