import { chooseChapter, placeInChapter, type AnyChapter, type StoryProgress } from './engine';
import type { OpenedSession, Outcome, StorySessions, WalletSnapshot } from './story-sessions';

interface Purse {
  keys: number;
  diamonds: number;
}

/**
 * StorySessions in memory, for room tests that need no database: the same rules as the server's
 * (server/progress/story-session-service.ts) — a key spent once per chapter a player opens, a
 * premium choice charged once per step, a save only on top of the step it started from — over
 * maps instead of tables. Keys do not regenerate here.
 */
export class InMemoryStorySessions implements StorySessions {
  private readonly progress = new Map<string, StoryProgress>();
  private readonly purses = new Map<string, Purse>();
  private readonly openedChapters = new Set<string>();

  constructor(private readonly stories: ReadonlyMap<string, AnyChapter[]>, private readonly welcome: Purse) {}

  async storyExists(storyId: string): Promise<boolean> {
    return this.stories.has(storyId);
  }

  async open(userId: string, storyId: string, chapterId?: string): Promise<Outcome<OpenedSession>> {
    const chapters = this.stories.get(storyId);
    if (!chapters) return { ok: false, refusal: { code: 'STORY_NOT_FOUND', message: `There is no story ${storyId}`, details: { storyId } } };
    const saved = this.progress.get(`${userId}:${storyId}`) ?? null;
    const choice = chooseChapter(chapters.map((c) => c.id), saved, chapterId);
    if (!choice.ok) return choice;
    const chapter = chapters[choice.index]!;
    const placed = placeInChapter(chapter, saved, chapterId !== undefined);
    const moved = saved !== null && (placed.chapterId !== saved.chapterId || placed.sceneId !== saved.sceneId);
    const progress = moved ? { ...placed, step: saved.step + 1 } : placed;
    const purse = this.purseOf(userId);
    const opening = `${userId}:${chapter.id}`;
    if (!this.openedChapters.has(opening)) {
      if (purse.keys < 1) return { ok: false, refusal: { code: 'NO_KEYS', message: 'You have no keys left to open a new chapter', details: { chapterId: chapter.id, nextKeyAt: null } } };
      purse.keys--;
      this.openedChapters.add(opening);
    }
    if (!saved || moved) this.progress.set(`${userId}:${storyId}`, progress);
    return { ok: true, value: { chapter, bundleUrl: `/v1/chapters/${chapter.id}/bundle`, progress, wallet: this.walletOf(userId), nextChapterId: chapters[choice.index + 1]?.id ?? null } };
  }

  async save(userId: string, before: StoryProgress, after: StoryProgress, charge: { diamonds: number; choiceId: string | null }): Promise<Outcome<WalletSnapshot | null>> {
    const key = `${userId}:${before.storyId}`;
    // Of two saves from the same step, the first wins; the other (and its charge) is refused.
    if (this.progress.get(key)?.step !== before.step) return { ok: false, refusal: { code: 'PROGRESS_CONFLICT', message: 'This story moved on in another session; showing where it stands now' } };
    const purse = this.purseOf(userId);
    if (purse.diamonds < charge.diamonds) {
      return { ok: false, refusal: { code: 'INSUFFICIENT_DIAMONDS', message: `Not enough diamonds: ${charge.diamonds} needed, ${purse.diamonds} available`, details: { currency: 'diamonds', needed: charge.diamonds, available: purse.diamonds } } };
    }
    purse.diamonds -= charge.diamonds;
    this.progress.set(key, after);
    return { ok: true, value: charge.diamonds > 0 ? this.walletOf(userId) : null };
  }

  /** What a player holds now (for assertions). */
  walletOf(userId: string): WalletSnapshot {
    const purse = this.purseOf(userId);
    return { keys: purse.keys, keysCap: this.welcome.keys, nextKeyAt: null, diamonds: purse.diamonds };
  }

  /** A key comes back, as regeneration would bring one (keys do not regenerate here on their own). */
  regenerateKey(userId: string): void {
    this.purseOf(userId).keys++;
  }

  /** The saved progress in a story, or null (for assertions). */
  savedProgress(userId: string, storyId: string): StoryProgress | null {
    return this.progress.get(`${userId}:${storyId}`) ?? null;
  }

  private purseOf(userId: string): Purse {
    let purse = this.purses.get(userId);
    if (!purse) {
      purse = { ...this.welcome };
      this.purses.set(userId, purse);
    }
    return purse;
  }
}
