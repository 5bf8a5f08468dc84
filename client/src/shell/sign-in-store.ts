import type { SignIn } from '../../../api/index';

// The key keeps its first name: renaming it would sign every player out.
const STORAGE_KEY = 'storyverse.session';

type Listener = (signIn: SignIn | null) => void;

/**
 * The player's sign-in (the token pair and the user) in localStorage. Always read from storage,
 * never cached: another tab may have rotated the refresh token, and reusing an old one would
 * sign out the whole token family.
 */
export class SignInStore {
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

  save(signIn: SignIn): void {
    localStorage.setItem(STORAGE_KEY, JSON.stringify({ user: signIn.user, accessToken: signIn.accessToken, refreshToken: signIn.refreshToken }));
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
    const signIn = this.current();
    for (const listener of this.listeners) listener(signIn);
  }
}
