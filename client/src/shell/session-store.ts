import type { SignIn } from '../../../api';

const STORAGE_KEY = 'storyverse.session';

type Listener = (session: SignIn | null) => void;

/**
 * The signed-in session (access + refresh token + user) in localStorage. Always read from storage,
 * never cached: another tab may have rotated the refresh token, and reusing an old one would
 * sign out the whole token family.
 */
export class SessionStore {
  private readonly listeners = new Set<Listener>();

  constructor() {
    window.addEventListener('storage', (event) => {
      if (event.key === STORAGE_KEY) this.emit();
    });
  }

  current(): SignIn | null {
    try {
      const raw = localStorage.getItem(STORAGE_KEY);
      if (!raw) return null;
      const parsed = JSON.parse(raw) as Partial<SignIn>;
      if (typeof parsed.accessToken !== 'string' || typeof parsed.refreshToken !== 'string' || typeof parsed.user !== 'object' || parsed.user === null) return null;
      return parsed as SignIn;
    } catch {
      return null;
    }
  }

  save(session: SignIn): void {
    localStorage.setItem(STORAGE_KEY, JSON.stringify({ user: session.user, accessToken: session.accessToken, refreshToken: session.refreshToken }));
    this.emit();
  }

  clear(): void {
    localStorage.removeItem(STORAGE_KEY);
    this.emit();
  }

  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(): void {
    const session = this.current();
    for (const listener of this.listeners) listener(session);
  }
}
