/**
 * A soft tick on each advance, synthesised with WebAudio (no asset to load). The context is made
 * on first use, which is always inside a tap or key press, so the browser never warns about it.
 */
export class ClickSound {
  private context: AudioContext | undefined;

  play(): void {
    try {
      const context = (this.context ??= new AudioContext());
      if (context.state === 'suspended') void context.resume().catch(() => undefined);
      const now = context.currentTime;
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.type = 'sine';
      oscillator.frequency.setValueAtTime(1320, now);
      oscillator.frequency.exponentialRampToValueAtTime(620, now + 0.06);
      gain.gain.setValueAtTime(0.0001, now);
      gain.gain.exponentialRampToValueAtTime(0.05, now + 0.006);
      gain.gain.exponentialRampToValueAtTime(0.0001, now + 0.09);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(now);
      oscillator.stop(now + 0.1);
    } catch {
      // No WebAudio (or refused): the click is a nicety, reading goes on.
    }
  }

  destroy(): void {
    void this.context?.close().catch(() => undefined);
    this.context = undefined;
  }
}
