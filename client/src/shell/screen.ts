import type { Router } from './router';
import type { SessionStore } from './session-store';
import type { StoryverseApi } from './storyverse-api';

/** One full-page view of the shell. */
export interface Screen {
  readonly element: HTMLElement;
  /** The screen's h1; focus moves here on navigation so screen readers hear where they are. */
  readonly heading: HTMLElement;
  destroy(): void;
}

/** What every screen may use. */
export interface ShellContext {
  readonly api: StoryverseApi;
  readonly session: SessionStore;
  readonly router: Router;
  setTitle(title: string): void;
  /** The auth screen calls this once signed in: back to where the player was headed. */
  signedIn(): void;
  /** Opens the library with its wallet in view (stands in for the store until it exists). */
  showWallet(): void;
  /** True once after showWallet(): the library focuses its wallet. */
  takeWalletRequest(): boolean;
}

/** A heading that can take focus programmatically but stays out of the tab order. */
export function focusableHeading<T extends HTMLElement>(heading: T): T {
  heading.setAttribute('tabindex', '-1');
  return heading;
}
