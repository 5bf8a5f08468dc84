const VOLUME = 0.55;
const FADE_MS = 900;
const FADE_STEP_MS = 50;

interface Track {
  url: string;
  audio: HTMLAudioElement;
  fade?: ReturnType<typeof setInterval>;
}

/**
 * Scene music: loops, cross-fades when the scene's track changes, keeps playing when it does not.
 * Browsers may block playback until the reader interacts; that is caught and retried on input.
 */
export class MusicPlayer {
  private current: Track | undefined;
  private readonly leaving = new Set<Track>();
  private muted: boolean;

  constructor(muted: boolean) {
    this.muted = muted;
  }

  /** `url` empty: the scene is silent, so the current track fades out. */
  play(url: string): void {
    if (url === (this.current?.url ?? '')) return;
    const previous = this.current;
    this.current = undefined;
    if (previous) this.fadeOutAndStop(previous);
    if (url === '') return;
    const audio = new Audio(url);
    audio.loop = true;
    audio.preload = 'auto';
    audio.muted = this.muted;
    audio.volume = 0;
    const track: Track = { url, audio };
    this.current = track;
    this.start(track);
    this.fade(track, VOLUME);
  }

  setMuted(muted: boolean): void {
    this.muted = muted;
    for (const track of [this.current, ...this.leaving]) if (track) track.audio.muted = muted;
    if (!muted) this.resume();
  }

  /** After a tap or key: a good moment to start what autoplay blocked. */
  resume(): void {
    const track = this.current;
    if (track && track.audio.paused && !this.muted) this.start(track);
  }

  destroy(): void {
    for (const track of [this.current, ...this.leaving]) if (track) this.stop(track);
    this.leaving.clear();
    this.current = undefined;
  }

  private start(track: Track): void {
    if (this.muted) return;
    // Autoplay may be refused until the reader interacts; never let that surface as an error.
    track.audio.play().catch(() => undefined);
  }

  private fadeOutAndStop(track: Track): void {
    this.leaving.add(track);
    this.fade(track, 0, () => {
      this.leaving.delete(track);
      this.stop(track);
    });
  }

  private fade(track: Track, target: number, done?: () => void): void {
    if (track.fade !== undefined) clearInterval(track.fade);
    const from = track.audio.volume;
    const steps = Math.max(1, Math.round(FADE_MS / FADE_STEP_MS));
    let step = 0;
    track.fade = setInterval(() => {
      step += 1;
      track.audio.volume = Math.min(1, Math.max(0, from + ((target - from) * step) / steps));
      if (step >= steps) {
        clearInterval(track.fade);
        track.fade = undefined;
        done?.();
      }
    }, FADE_STEP_MS);
  }

  private stop(track: Track): void {
    if (track.fade !== undefined) clearInterval(track.fade);
    track.audio.pause();
    // Dropping the source releases the network stream and decoder.
    track.audio.removeAttribute('src');
    track.audio.load();
  }
}
