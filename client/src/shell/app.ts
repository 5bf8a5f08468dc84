import { campaignLobbyScreen } from '../campaign/campaign-lobby-screen';
import { campaignScreen } from '../campaign/campaign-screen';
import { readTogetherScreen } from '../reading/read-together-screen';
import { studioScreen } from '../studio/studio-screen';
import { ApiClient } from './api-client';
import { authScreen } from './auth-screen';
import { libraryScreen } from './library-screen';
import { playerScreen } from './player-screen';
import { Router } from './router';
import { parseRoute, routeHash, type Route } from './routes';
import type { Screen, ShellContext } from './screen';
import { SignInStore } from './sign-in-store';
import { storeReturnScreen, storeScreen } from './store-screen';
import { storyScreen } from './story-screen';
import { StoryverseApi } from './storyverse-api';

const STORE_RETURN_KEY = 'storyverse.storeReturn';

/** The app shell: one screen at a time, chosen by the hash route; signed-out players see auth. */
export class App {
  private readonly signIns = new SignInStore();
  private readonly router = new Router();
  private readonly api: StoryverseApi;
  private readonly context: ShellContext;
  private screen: Screen | null = null;
  /** Where a signed-out player was headed; they land there after signing in. */
  private returnTo: Route | null = null;

  constructor(private readonly root: HTMLElement) {
    this.api = new StoryverseApi(new ApiClient(this.signIns, () => {}), this.signIns);
    this.context = {
      api: this.api,
      signIns: this.signIns,
      router: this.router,
      setTitle: (title) => {
        document.title = `${title} · StoryVerse`;
      },
      signedIn: () => {
        const target = this.returnTo ?? { name: 'library' };
        this.returnTo = null;
        this.router.navigate(target);
      },
      openStore: () => {
        const from = this.router.current();
        // Kept in sessionStorage: paying at Checkout leaves the page and comes back to a fresh app.
        if (from.name === 'play' || from.name === 'story') sessionStorage.setItem(STORE_RETURN_KEY, routeHash(from));
        else sessionStorage.removeItem(STORE_RETURN_KEY);
        this.router.navigate({ name: 'store' });
      },
      storeReturn: () => {
        const hash = sessionStorage.getItem(STORE_RETURN_KEY);
        return hash ? parseRoute(hash) : null;
      },
    };
  }

  start(): void {
    // Signed out (here, in another tab, or because the refresh token was refused): back to auth.
    this.signIns.onChange((signIn) => {
      if (!signIn && this.router.current().name !== 'auth') this.show(this.router.current());
    });
    this.router.start((route) => this.show(route));
  }

  private show(requested: Route): void {
    const signedIn = this.signIns.current() !== null;
    let route = requested;
    if (!signedIn && route.name !== 'auth') {
      this.returnTo = route;
      route = { name: 'auth' };
      this.router.replace(route);
    } else if (signedIn && route.name === 'auth') {
      route = { name: 'library' };
      this.router.replace(route);
    }
    this.screen?.destroy();
    this.screen = this.create(route);
    this.root.replaceChildren(this.screen.element);
    document.body.classList.toggle('is-reading', route.name === 'play');
    window.scrollTo(0, 0);
    // Focus the new screen's heading so keyboard and screen-reader users start at the top of it.
    this.screen.heading.focus({ preventScroll: true });
  }

  private create(route: Route): Screen {
    switch (route.name) {
      case 'auth':
        return authScreen(this.context);
      case 'library':
        return libraryScreen(this.context);
      case 'story':
        return storyScreen(this.context, route.storyId);
      case 'play':
        return playerScreen(this.context, route.storyId, route.chapterId, route.preview);
      case 'read':
        return readTogetherScreen(this.context, route.storyId, route.chapterId);
      case 'store':
        return storeScreen(this.context);
      case 'campaigns':
        return campaignLobbyScreen(this.context);
      case 'campaign':
        return campaignScreen(this.context, route.code);
      case 'store-return':
        return storeReturnScreen(this.context, route.outcome, route.purchaseId);
      case 'studio':
      case 'studio-story':
      case 'studio-earnings':
        return studioScreen(this.context, route);
    }
  }
}
