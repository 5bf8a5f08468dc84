import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import { chooseChapter, placeInChapter, type AnyChapter, type Refusal, type StoryProgress } from '../../rooms/story/engine';
import type { OpenedSession, Outcome, StepCharge, StorySessions, WalletSnapshot } from '../../rooms/story/story-sessions';
import { bundleUrl } from '../catalog/catalog-urls';
import type { ChapterLayout, StoryDirectory } from '../catalog/story-directory';
import { Chapter, PlayerProgress } from '../database/entities';
import { isDatabaseUnavailable } from '../database/database-unavailable';
import type { WriterShares } from '../earnings/writer-share-ledger';
import { GroupCommit, type GroupCommitLimits } from '../database/group-commit';
import { NEVER_GATHER, WritePace } from '../database/write-pace';
import type { PreparedStatements, RowShape } from '../database/prepared-statements';
import type { Clock } from '../shared/clock';
import { DomainError } from '../shared/domain-error';
import { insufficientBalance, walletNotFound } from '../wallet/wallet-errors';
import { BALANCES_SHAPE, type WalletBalances } from '../wallet/wallet-queries';
import type { WalletService } from '../wallet/wallet-service';
import type { StoryProgress as ProgressView } from '../../api/progress';
import { ChapterOpenings, chapterKey } from './chapter-opening';
import { toStoryProgress } from './progress-records';
import { premiumChargeOf, type StepPayment } from './charged-step';
import { PROGRESS_COLUMNS, PROGRESS_PLACEHOLDERS, progressValues, SAVE_STEP_SQL } from './progress-columns';
import { commitSteps, stepWriteKey, type StepAnswer, type StepWrite } from './step-writes';

export interface StorySessionDeps {
  em: EntityManager;
  clock: Clock;
  wallet: WalletService;
  directory: StoryDirectory;
  statements: PreparedStatements;
  /** Credits the story's writer with their share of each premium step, in the charge's commit. */
  writerShares: WriterShares;
  /** How steps of many sessions share commits (STEP_BATCH_MAX_SIZE, STEP_BATCH_MAX_WAIT_MS); defaults when absent. */
  stepBatches?: GroupCommitLimits;
}

const DEFAULT_STEP_BATCHES: GroupCommitLimits = { maxSize: 100, maxWaitMs: 10 };

const INSERT_PROGRESS_SQL = `insert into player_progress (id, user_id, story_id, ${PROGRESS_COLUMNS}, created_at, updated_at) values (?, ?, ?, ${PROGRESS_PLACEHOLDERS}, ?, ?)`;

const COUNT_PLAY_SQL = 'update stories set plays = plays + 1 where id = ?';

/** A join's one read: the player's wallet and, when they began this story, their progress in it. */
const READ_PLAYER_SQL =
  'select w."keys", w.keys_anchor_at as "keysAnchorAt", w.diamonds, ' +
  'p.chapter_id as "chapterId", p.scene_id as "sceneId", p.status, p.step, p.flags, p.relationships, p.history, p.completed_chapters as "completedChapterIds", p.ink_state as "inkState", p.player_name as "playerName", p.outfit, p.owned_outfits as "ownedOutfits" ' +
  'from wallets w left join player_progress p on p.user_id = w.user_id and p.story_id = ? where w.user_id = ?';

type SavedColumns = Omit<StoryProgress, 'storyId' | 'inkState' | 'playerName' | 'outfit' | 'ownedOutfits'> & { inkState: string | null; playerName: string | null; outfit: string | null; ownedOutfits: string[] };
const PLAYER_COLUMNS: RowShape<WalletBalances & SavedColumns> = {
  ...BALANCES_SHAPE,
  chapterId: 'text', sceneId: 'text', status: 'text', step: 'integer', flags: 'json', relationships: 'json', history: 'json', completedChapterIds: 'json', inkState: 'text', playerName: 'text', outfit: 'text', ownedOutfits: 'json',
};

/**
 * Story sessions over the database: which chapter a player may open (keys, CHAPTER_LOCKED),
 * where they resume, and saving each step together with its charge (DESIGN.md §6).
 */
export class StorySessionService implements StorySessions {
  /** Bundles are immutable per content hash, so each is read and parsed once per process. */
  private readonly chapters = new Map<string, { sha256: string; chapter: AnyChapter }>();
  /** Steps of every session in this process, saved together (group commit). */
  private readonly steps: GroupCommit<StepWrite, StepAnswer>;
  /** PostgreSQL's one-statement chapter openings; SQLite runs in-process, where the transaction costs no round trips. */
  private readonly openings: ChapterOpenings | null;

  constructor(private readonly deps: StorySessionDeps) {
    const limits = deps.stepBatches ?? DEFAULT_STEP_BATCHES;
    // SQLite commits in the process, with no round trip or wake-up for a gathering to share: steps go at once.
    const gathering = deps.statements.dialect === 'postgresql' ? new WritePace(limits.maxWaitMs) : NEVER_GATHER;
    this.steps = new GroupCommit(commitSteps(deps.statements, deps.clock), stepWriteKey, limits, gathering);
    this.openings = deps.statements.dialect === 'postgresql' ? new ChapterOpenings(deps) : null;
  }

  /** Commits of steps and the steps they carried since start, for /metrics. */
  get stepCommits(): { commits: number; writes: number } {
    return this.steps.totals;
  }

  async storyExists(storyId: string): Promise<boolean> {
    return (await this.deps.directory.chaptersOf(storyId)) !== null;
  }

  async open(userId: string, storyId: string, chapterId?: string): Promise<Outcome<OpenedSession>> {
    try {
      return { ok: true, value: await this.openOnce(userId, storyId, chapterId) };
    } catch (error) {
      // Two first openings of one story raced to create the progress row: the loser resumes it.
      if (error instanceof UniqueConstraintViolationException) return this.open(userId, storyId, chapterId);
      return refusalOf(error);
    }
  }

  async save(userId: string, before: StoryProgress, after: StoryProgress, charge: StepCharge): Promise<Outcome<WalletSnapshot | null>> {
    try {
      checkMovesOn(before, after);
      const payment = charge.diamonds === 0 ? undefined : this.paymentFor(userId, before, charge);
      // Every step shares a commit with the steps of other sessions that arrive meanwhile (a premium
      // one with its charge), and is answered once that commit is done.
      const written = this.steps.write({ userId, before, after, ...(payment && { payment }) });
      const answer = !payment ? await written : await written.catch((error: unknown) => {
        // A charge's statement that failed as a whole (a key raced in, a deadlock): the wallet's own transaction decides.
        if (!isDatabaseUnavailable(error)) return { kind: 'undecided' } as const;
        throw error;
      });
      switch (answer.kind) {
        case 'saved':
          return { ok: true, value: answer.wallet && this.deps.wallet.inventoryOf(answer.wallet, this.deps.clock.now()) };
        case 'movedOn':
          throw progressMovedOn();
        case 'tooFewDiamonds':
          throw insufficientBalance('diamonds', charge.diamonds, answer.available);
        case 'undecided':
          return { ok: true, value: await this.chargeInTransaction(userId, before, after, payment!) };
      }
    } catch (error) {
      if (error instanceof DomainError && error.code === 'IDEMPOTENCY_CONFLICT') return refusalOf(progressMovedOn());
      return refusalOf(error);
    }
  }

  /** One charge per progress step: a resent or retried choice finds its key and pays nothing. An outfit is bought once per story whatever the step: its key names the outfit. */
  private paymentFor(userId: string, before: StoryProgress, charge: StepCharge): StepPayment {
    const outfit = charge.outfitId !== undefined;
    const idempotencyKey = outfit ? `outfit:${before.storyId}:${charge.outfitId}` : `choice:${before.storyId}:${before.step}`;
    const share = premiumChargeOf(userId, before, { diamonds: charge.diamonds, idempotencyKey });
    return {
      diamonds: charge.diamonds,
      idempotencyKey,
      reason: outfit ? 'premium_outfit' : 'premium_choice',
      metadata: { storyId: before.storyId, chapterId: before.chapterId, sceneId: before.sceneId, ...(outfit ? { outfitId: charge.outfitId } : { choiceId: charge.choiceId }) },
      share: (now, onlyIf) => this.deps.writerShares.insertFor(share, now, onlyIf),
    };
  }

  /** The charge through the wallet's own rules (a replayed key answers its first result), with the step and the writer's share, in one transaction. */
  private async chargeInTransaction(userId: string, before: StoryProgress, after: StoryProgress, payment: StepPayment): Promise<WalletSnapshot> {
    const { diamonds, idempotencyKey, reason, metadata } = payment;
    await this.deps.em.fork().transactional(async (tx) => {
      await this.deps.wallet.spend(userId, { currency: 'diamonds', amount: diamonds, reason, idempotencyKey, metadata }, tx);
      await this.writeProgress(userId, before, after, tx);
      // Last, so a step that lost its race (PROGRESS_CONFLICT) never gets this far; commits with the charge.
      await this.deps.writerShares.record(tx, premiumChargeOf(userId, before, payment));
    });
    return this.walletOf(userId);
  }

  /** Every story the player has started, most recently played first, for GET /v1/progress. */
  async progressList(userId: string): Promise<ProgressView[]> {
    const rows = await this.deps.em.fork().find(PlayerProgress, { user: userId }, { orderBy: { updatedAt: 'desc' } });
    return rows.map((row) => toStoryProgress(row, row.story.id));
  }

  /** The saved progress in a story, for GET /v1/progress/:storyId. */
  async progressOf(userId: string, storyId: string): Promise<ProgressView> {
    const row = await this.deps.em.fork().findOne(PlayerProgress, { user: userId, story: storyId });
    if (!row) throw new DomainError('PROGRESS_NOT_FOUND', `You have not started the story ${storyId}`, { storyId });
    return toStoryProgress(row, storyId);
  }

  private async openOnce(userId: string, storyId: string, requestedChapterId?: string): Promise<OpenedSession> {
    const chapters = await this.deps.directory.chaptersOf(storyId);
    if (!chapters) throw new DomainError('STORY_NOT_FOUND', `There is no story ${storyId}`, { storyId });
    const { wallet, saved } = await this.readPlayer(userId, storyId);
    const choice = chooseChapter(chapters.map((c) => c.id), saved, requestedChapterId);
    if (!choice.ok) throw new DomainError(choice.refusal.code, choice.refusal.message, choice.refusal.details);
    const index = choice.index;
    const target = chapters[index]!;
    const chapter = await this.loadChapter(target);
    const placed = placeInChapter(chapter, saved, requestedChapterId !== undefined);
    const moved = saved !== null && (placed.chapterId !== saved.chapterId || placed.sceneId !== saved.sceneId);
    // Moving to another chapter (or back to a start) is a saved step of its own.
    const progress = moved ? { ...placed, step: saved.step + 1 } : placed;

    // Progress in a chapter was saved in the transaction that spent its key: resuming it costs nothing.
    if (saved?.chapterId === target.id && !moved) return this.opened(userId, chapter, target, progress, chapters, index, wallet);
    const openedAtOnce = await this.openings?.openAtOnce({ userId, storyId, chapterId: target.id, wallet, saved, progress });
    if (openedAtOnce) return this.opened(userId, chapter, target, progress, chapters, index, openedAtOnce);
    try {
      await this.deps.em.fork().transactional(async (tx) => {
        // The ledger's idempotency key records that this chapter was opened: reopening replays it for free.
        await this.deps.wallet.spend(userId, chapterKey(storyId, target.id), tx);
        if (!saved) await this.createProgress(tx, userId, storyId, progress);
        else if (moved) await this.writeProgress(userId, saved, progress, tx);
      });
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 'INSUFFICIENT_KEYS')) throw error;
      // Read after the transaction: on SQLite its one connection is busy until then.
      const { nextKeyAt } = await this.walletOf(userId);
      throw new DomainError('NO_KEYS', 'You have no keys left to open a new chapter', { chapterId: target.id, nextKeyAt });
    }
    // Popularity counts players, so only a first opening adds one — after its transaction: inside
    // it, the story's one row stayed locked until the commit, and every new reader of the story
    // queued on it holding a pooled connection (under load that starved the whole pool).
    if (!saved) await this.deps.statements.run(COUNT_PLAY_SQL, [storyId]);
    return this.opened(userId, chapter, target, progress, chapters, index);
  }

  /** `wallet` as the join read it or the opening wrote it; read anew after the transaction. */
  private async opened(userId: string, chapter: AnyChapter, target: ChapterLayout, progress: StoryProgress, chapters: ChapterLayout[], index: number, wallet?: WalletBalances): Promise<OpenedSession> {
    const snapshot = wallet ? this.deps.wallet.inventoryOf(wallet, this.deps.clock.now()) : await this.walletOf(userId);
    return { chapter, bundleUrl: bundleUrl(target.id, target.sha256), progress, wallet: snapshot, nextChapterId: chapters[index + 1]?.id ?? null };
  }

  private async createProgress(tx: EntityManager, userId: string, storyId: string, progress: StoryProgress): Promise<void> {
    const now = this.deps.clock.now();
    await this.deps.statements.run(INSERT_PROGRESS_SQL, [randomUUID(), userId, storyId, ...progressValues(progress), now, now], tx);
  }

  /**
   * Conditional on the step the change started from: of two sessions racing, one wins. Inside the
   * transaction `tx` of a charge or a chapter's key that the one-statement paths left to it.
   */
  private async writeProgress(userId: string, before: StoryProgress, after: StoryProgress, tx: EntityManager): Promise<void> {
    checkMovesOn(before, after);
    const changed = await this.deps.statements.run(SAVE_STEP_SQL, [...progressValues(after), this.deps.clock.now(), userId, before.storyId, before.step], tx);
    if (changed !== 1) throw progressMovedOn();
  }

  /** Every join reads these rows, so in one prepared statement rather than through the ORM. */
  private async readPlayer(userId: string, storyId: string): Promise<{ wallet: WalletBalances; saved: StoryProgress | null }> {
    const row = await this.deps.statements.first(READ_PLAYER_SQL, [storyId, userId], PLAYER_COLUMNS);
    if (!row) throw walletNotFound(userId);
    const { keys, keysAnchorAt, diamonds, inkState, playerName, outfit, ownedOutfits, ...rest } = row;
    const wallet = { keys, keysAnchorAt, diamonds };
    if (rest.chapterId === null) return { wallet, saved: null };
    const saved: StoryProgress = {
      storyId,
      ...rest,
      ...(inkState === null ? {} : { inkState }),
      ...(playerName === null ? {} : { playerName }),
      ...(outfit === null ? {} : { outfit }),
      ...(ownedOutfits.length === 0 ? {} : { ownedOutfits }),
    };
    return { wallet, saved };
  }

  private async loadChapter(target: ChapterLayout): Promise<AnyChapter> {
    const cached = this.chapters.get(target.id);
    if (cached?.sha256 === target.sha256) return cached.chapter;
    const row = await this.deps.em.fork().findOneOrFail(Chapter, { id: target.id }, { populate: ['bundle'] });
    const chapter = row.bundle as unknown as AnyChapter;
    this.chapters.set(target.id, { sha256: row.sha256, chapter });
    return chapter;
  }

  private async walletOf(userId: string): Promise<WalletSnapshot> {
    const { keys, keysCap, nextKeyAt, diamonds } = await this.deps.wallet.inventory(userId);
    return { keys, keysCap, nextKeyAt, diamonds };
  }
}

function checkMovesOn(before: StoryProgress, after: StoryProgress): void {
  if (after.step <= before.step) throw new Error(`a save must move the step on (${before.step} → ${after.step})`);
}

const progressMovedOn = () => new DomainError('PROGRESS_CONFLICT', 'This story moved on in another session; showing where it stands now');

function refusalOf(error: unknown): { ok: false; refusal: Refusal } {
  if (error instanceof DomainError) return { ok: false, refusal: { code: error.code, message: error.message, details: error.details } };
  // Nothing was saved (the step's write is one statement or one transaction): the player can simply try again.
  if (isDatabaseUnavailable(error)) return { ok: false, refusal: { code: 'DATABASE_UNAVAILABLE', message: 'We cannot save your story right now; nothing was lost — try again in a moment' } };
  throw error;
}
