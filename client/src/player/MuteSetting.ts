const KEY = 'storyverse.muted';

/** The mute toggle, remembered across chapters and visits. Storage may be unavailable (private mode). */
export class MuteSetting {
  private value: boolean;

  constructor() {
    this.value = MuteSetting.read();
  }

  get muted(): boolean {
    return this.value;
  }

  set(muted: boolean): void {
    this.value = muted;
    try {
      localStorage.setItem(KEY, muted ? 'true' : 'false');
    } catch {
      // Not remembered, but the toggle still works for this page.
    }
  }

  private static read(): boolean {
    try {
      return localStorage.getItem(KEY) === 'true';
    } catch {
      return false;
    }
  }
}
