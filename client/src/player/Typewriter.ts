/** How much of a line is visible: characters appear at a steady pace until the reader skips. */
export class Typewriter {
  private elapsedMs = 0;
  private skipped = false;

  constructor(
    private length: number,
    private readonly charsPerSecond: number,
  ) {}

  /** Moves time on; returns how many characters are now visible. */
  advance(deltaMs: number): number {
    this.elapsedMs += deltaMs;
    return this.visible;
  }

  get visible(): number {
    if (this.skipped) return this.length;
    return Math.min(this.length, Math.floor((this.elapsedMs / 1000) * this.charsPerSecond));
  }

  get done(): boolean {
    return this.visible >= this.length;
  }

  resize(length: number): void {
    this.length = length;
  }

  finish(): void {
    this.skipped = true;
  }
}
