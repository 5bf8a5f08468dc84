import type { Ticker } from 'pixi.js';
import { easeOutCubic, type Easing } from './easing';

export interface TweenSpec {
  /** Milliseconds; 0 (reduced motion) jumps straight to the end. */
  duration: number;
  /** Called with the eased progress 0..1. */
  step(progress: number): void;
  done?(): void;
  easing?: Easing;
}

export interface TweenHandle {
  /** Stops without calling `done`; the caller decides what the end state is. */
  cancel(): void;
  /** Jumps to the end and calls `done`. */
  finish(): void;
}

interface RunningTween {
  spec: TweenSpec;
  elapsed: number;
}

/**
 * Tiny tween runner on the app's ticker: the stage needs only fades and slides, not a library.
 * With `instant` (reduced motion) every tween completes synchronously.
 */
export class Tweens {
  private readonly running = new Set<RunningTween>();
  private readonly tick = (ticker: Ticker): void => this.advance(ticker.deltaMS);

  constructor(
    private readonly ticker: Ticker,
    private readonly instant: boolean,
  ) {
    ticker.add(this.tick);
  }

  start(spec: TweenSpec): TweenHandle {
    const tween: RunningTween = { spec, elapsed: 0 };
    const finish = (): void => {
      if (!this.running.delete(tween)) return;
      spec.step(1);
      spec.done?.();
    };
    this.running.add(tween);
    if (this.instant || spec.duration <= 0) finish();
    return { cancel: () => void this.running.delete(tween), finish };
  }

  destroy(): void {
    this.running.clear();
    this.ticker.remove(this.tick);
  }

  private advance(deltaMS: number): void {
    for (const tween of [...this.running]) {
      tween.elapsed += deltaMS;
      const linear = Math.min(1, tween.elapsed / tween.spec.duration);
      if (linear >= 1) {
        this.running.delete(tween);
        tween.spec.step(1);
        tween.spec.done?.();
      } else {
        tween.spec.step((tween.spec.easing ?? easeOutCubic)(linear));
      }
    }
  }
}
