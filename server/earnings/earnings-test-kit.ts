import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/core';
import type { StoryProgress } from '../../rooms/story/engine';
import { StoryDirectory } from '../catalog/story-directory';
import { EarningsEntry, PlayerProgress, Story, User } from '../database/entities';
import { preparedStatements } from '../database/prepared-statements';
import { StorySessionService } from '../progress/story-session-service';
import { openAccount, walletServiceFor } from '../wallet/wallet-test-kit';
import type { WalletRules } from '../wallet/wallet-types';
import { WriterShareLedger, type WriterShares } from './writer-share-ledger';

/** Test helpers for the earnings suites (not shipped code paths). */

export const WELCOME_DIAMONDS = 20;

/**
 * The real story sessions, wallet and share ledger over a test database. `shareCalls` counts
 * every call into the ledger, to show which steps never reach it.
 */
export function earningsWorld(orm: MikroORM, options: { sharePercent?: number; rules?: Partial<WalletRules> } = {}) {
  const { wallet, clock } = walletServiceFor(orm, { keysCap: 5, keyRegenSeconds: 10_800, welcomeDiamonds: WELCOME_DIAMONDS, ...options.rules });
  const statements = preparedStatements(orm);
  const ledger = new WriterShareLedger({ statements, clock, sharePercent: options.sharePercent ?? 70 });
  const shareCalls = { count: 0 };
  const writerShares: WriterShares = {
    record: (tx, charge) => { shareCalls.count++; return ledger.record(tx, charge); },
    insertFor: (charge, now, onlyIf) => { shareCalls.count++; return ledger.insertFor(charge, now, onlyIf); },
  };
  const directory = new StoryDirectory({ em: orm.em, clock, ttlMs: 0 });
  const sessions = new StorySessionService({ em: orm.em, clock, wallet, directory, statements, writerShares });
  return { wallet, clock, ledger, sessions, shareCalls, openAccount: () => openAccount(orm, wallet) };
}

/** A story row (as the catalog or the studio would have made it), owned by `ownerId` or by no one. */
export async function createStory(orm: MikroORM, ownerId: string | null, title = 'A story'): Promise<string> {
  const id = `story-${randomUUID().slice(0, 8)}`;
  const em = orm.em.fork();
  const now = new Date();
  em.create(Story, { id, title, description: 'A test story', genre: 'mystery', origin: 'studio', owner: ownerId === null ? null : em.getReference(User, ownerId), plays: 0, listed: true, publishedAt: now, updatedAt: now });
  await em.flush();
  return id;
}

/** A reader at `step` of a story, in a scene with a premium choice ahead. */
export async function readerAt(orm: MikroORM, userId: string, storyId: string, step = 1): Promise<StoryProgress> {
  const progress: StoryProgress = { storyId, chapterId: `${storyId}-ch1`, sceneId: 'fork', status: 'choice', step, flags: {}, relationships: {}, history: [], completedChapterIds: [] };
  const em = orm.em.fork();
  em.create(PlayerProgress, {
    id: randomUUID(),
    user: em.getReference(User, userId),
    story: em.getReference(Story, storyId),
    chapterId: progress.chapterId,
    sceneId: progress.sceneId,
    status: progress.status,
    step,
    flags: {},
    relationships: {},
    history: [],
    completedChapters: [],
    ownedOutfits: [],
    createdAt: new Date(),
    updatedAt: new Date(),
  });
  await em.flush();
  return progress;
}

/** The step after `before`: the premium option taken. */
export function tookPremium(before: StoryProgress): StoryProgress {
  return { ...before, sceneId: 'bright', status: 'playing', step: before.step + 1 };
}

export function earningsRows(orm: MikroORM, where: { writer?: string; reader?: string } = {}): Promise<EarningsEntry[]> {
  return orm.em.fork().find(EarningsEntry, where, { orderBy: { id: 'asc' }, disableIdentityMap: true });
}
