import type { Router } from './router';
import type { Route } from './routes';
import type { SignInStore } from './sign-in-store';
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
  readonly signIns: SignInStore;
  readonly router: Router;
  setTitle(title: string): void;
  /** The auth screen calls this once signed in: back to where the player was headed. */
  signedIn(): void;
  /** Opens the diamond store, remembering the story the player came from (to go back after buying). */
  openStore(): void;
  /** The screen the player opened the store from, if it is worth going back to (a story). */
  storeReturn(): Route | null;
}

/** A heading that can take focus programmatically but stays out of the tab order. */
export function focusableHeading<T extends HTMLElement>(heading: T): T {
  heading.setAttribute('tabindex', '-1');
  return heading;
}
