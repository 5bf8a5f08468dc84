import type { ApiClient } from './api-client';
import type {
  CheckoutRequest,
  CheckoutStarted,
  Inventory,
  LoginRequest,
  LogoutRequest,
  ProgressList,
  Purchase,
  PurchaseList,
  RegisterRequest,
  SignIn,
  StoreCatalogue,
  StoryDetail,
  StoryPage,
  StoryProgress,
  StorySort,
} from '../../../api/index';
import type { SignInStore } from './sign-in-store';

/** What the sign-in forms collect: a registration (login sends only email and password). */
export type Credentials = RegisterRequest;

/** The /v1 routes the shell uses, typed by api/ (the REST contract); signing in stores the token pair. */
export class StoryverseApi {
  private progressCache: { at: number; request: Promise<StoryProgress[]> } | null = null;

  constructor(
    readonly http: ApiClient,
    private readonly signIns: SignInStore,
  ) {}

  async playAsGuest(): Promise<SignIn> {
    return this.signedIn(await this.http.post<SignIn>('/v1/auth/guest', {}, { auth: false }));
  }

  async signIn(credentials: Credentials): Promise<SignIn> {
    return this.signedIn(await this.http.post<SignIn>('/v1/auth/login', { email: credentials.email, password: credentials.password } satisfies LoginRequest, { auth: false }));
  }

  async register(credentials: Credentials): Promise<SignIn> {
    return this.signedIn(await this.http.post<SignIn>('/v1/auth/register', withoutEmptyName(credentials) satisfies RegisterRequest, { auth: false }));
  }

  /** A guest keeps their id, wallet and progress and gains an email sign-in. */
  async upgradeGuest(credentials: Credentials): Promise<SignIn> {
    return this.signedIn(await this.http.post<SignIn>('/v1/auth/upgrade', withoutEmptyName(credentials) satisfies RegisterRequest));
  }

  async signOut(): Promise<void> {
    const current = this.signIns.current();
    try {
      if (current) await this.http.post<void>('/v1/auth/logout', { refreshToken: current.refreshToken } satisfies LogoutRequest);
    } catch {
      // Signing out locally is what matters; the refresh token expires on its own.
    }
    this.signIns.clear();
  }

  stories(query: { genre?: string; sort: StorySort; cursor?: string | null; limit?: number }): Promise<StoryPage> {
    const params = new URLSearchParams({ sort: query.sort, limit: String(query.limit ?? 20) });
    if (query.genre) params.set('genre', query.genre);
    if (query.cursor) params.set('cursor', query.cursor);
    return this.http.get<StoryPage>(`/v1/stories?${params.toString()}`);
  }

  story(storyId: string): Promise<StoryDetail> {
    return this.http.get<StoryDetail>(`/v1/stories/${encodeURIComponent(storyId)}`);
  }

  /** Null when the player has not started the story. */
  async progress(storyId: string): Promise<StoryProgress | null> {
    return (await this.allProgress()).find((p) => p.storyId === storyId) ?? null;
  }

  /**
   * Every story the player has started, in one request (GET /v1/progress) — never a 404 per
   * unstarted story. Screens ask for several stories at once, so one answer serves them for a moment.
   */
  allProgress(): Promise<StoryProgress[]> {
    const now = Date.now();
    if (!this.progressCache || now - this.progressCache.at > 2000) {
      const request = this.http.get<ProgressList>('/v1/progress').then((page) => page.items);
      request.catch(() => { this.progressCache = null; });
      this.progressCache = { at: now, request };
    }
    return this.progressCache.request;
  }

  /** Progress changed (a story session opened or moved on): the next question goes to the server. */
  forgetProgress(): void {
    this.progressCache = null;
  }

  inventory(): Promise<Inventory> {
    return this.http.get<Inventory>('/v1/inventory');
  }

  storePacks(): Promise<StoreCatalogue> {
    return this.http.get<StoreCatalogue>('/v1/store/packs');
  }

  /** Only the pack is sent: the server sets the price and the diamonds. */
  checkout(packId: string): Promise<CheckoutStarted> {
    return this.http.post<CheckoutStarted>('/v1/store/checkout', { packId } satisfies CheckoutRequest);
  }

  async purchases(): Promise<Purchase[]> {
    return (await this.http.get<PurchaseList>('/v1/store/purchases')).items;
  }

  purchase(purchaseId: string): Promise<Purchase> {
    return this.http.get<Purchase>(`/v1/store/purchases/${encodeURIComponent(purchaseId)}`);
  }

  private signedIn(signIn: SignIn): SignIn {
    this.signIns.save(signIn);
    return signIn;
  }
}

function withoutEmptyName(credentials: Credentials): Credentials {
  const name = credentials.displayName?.trim();
  return name ? { ...credentials, displayName: name } : { email: credentials.email, password: credentials.password };
}
