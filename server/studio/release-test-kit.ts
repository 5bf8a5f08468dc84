import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { canonicalJson, sha256Hex, type ChapterBundle } from '../../content-pipeline';
import { ChapterDraft, ChapterVersion, Story, User } from '../database/entities';

// Test support: the rows the studio writes (a writer, a draft story, drafts and published
// versions), written directly so release and preview can be tested before the studio's routes exist.

export async function createWriter(em: EntityManager, name = 'writer'): Promise<User> {
  const fork = em.fork();
  const user = fork.create(User, { id: randomUUID(), email: `${name}-${randomUUID()}@example.com`, passwordHash: null, displayName: name, isGuest: false, createdAt: new Date(), updatedAt: new Date() });
  await fork.flush();
  return user;
}

/** A studio story as the studio creates it: owned by the writer, not listed until a chapter is released. */
export async function createStudioStory(em: EntityManager, ownerId: string, id: string, createdAt = new Date('2026-01-01T00:00:00Z')): Promise<void> {
  const fork = em.fork();
  fork.create(Story, { id, title: `Title of ${id}`, description: `About ${id}`, genre: 'mystery', origin: 'studio', owner: ownerId, plays: 0, listed: false, publishedAt: createdAt, updatedAt: createdAt });
  await fork.flush();
}

/** A playable chapter bundle: a start scene, a choice with a premium option, and an ending. */
export function chapterBundle(storyId: string, chapterId: string, number: number, line = `Welcome to ${chapterId}.`): ChapterBundle {
  return {
    format: 1,
    id: chapterId,
    storyId,
    number,
    title: `Chapter ${number}`,
    startSceneId: 'opening',
    characters: {},
    scenes: {
      opening: { timeline: [{ type: 'dialogue', character: 'Nell', text: line, id: 'opening.0' }], nextSceneId: 'fork' },
      fork: {
        timeline: [{ type: 'narration', text: 'Two doors.', id: 'fork.0' }],
        choice: {
          prompt: 'Which door?',
          options: [
            { id: 'plain', text: 'The plain door', nextSceneId: 'end' },
            { id: 'gilded', text: 'The gilded door (5 Diamonds)', cost: 5, nextSceneId: 'end' },
          ],
        },
      },
      end: { timeline: [{ type: 'narration', text: 'The end.', id: 'end.0' }], end: true, ending: { title: 'Through' } },
    },
  };
}

export interface VersionSpec {
  storyId: string;
  chapterId: string;
  version: number;
  releaseAt: Date;
  number?: number;
  /** Any text: it changes the bundle, hence its sha256. */
  line?: string;
  publishedAt?: Date;
}

/** A published (immutable) chapter version, as the studio's publish writes it. */
export async function insertVersion(em: EntityManager, spec: VersionSpec): Promise<ChapterVersion> {
  const number = spec.number ?? 1;
  const bundle = chapterBundle(spec.storyId, spec.chapterId, number, spec.line ?? `Version ${spec.version} of ${spec.chapterId}.`);
  const fork = em.fork();
  const row = fork.create(ChapterVersion, {
    chapterId: spec.chapterId,
    version: spec.version,
    story: spec.storyId,
    number,
    title: `Chapter ${number}`,
    sha256: sha256Hex(canonicalJson(bundle)),
    bundle: bundle as unknown as Record<string, unknown>,
    releaseAt: spec.releaseAt,
    publishedAt: spec.publishedAt ?? new Date('2026-01-01T00:00:00Z'),
    releasedAt: null,
    certificateId: `cert-${spec.chapterId}-${spec.version}`,
  });
  await fork.flush();
  return row;
}

/** The writer's working copy: clean (a bundle) unless `problems` are given. */
export async function upsertDraft(em: EntityManager, spec: { storyId: string; chapterId: string; number?: number; line?: string; problems?: boolean }): Promise<void> {
  const number = spec.number ?? 1;
  const bundle = chapterBundle(spec.storyId, spec.chapterId, number, spec.line ?? `Draft of ${spec.chapterId}.`);
  const fork = em.fork();
  await fork.nativeDelete(ChapterDraft, { id: spec.chapterId });
  fork.create(ChapterDraft, {
    id: spec.chapterId,
    story: spec.storyId,
    number,
    title: `Chapter ${number}`,
    format: 'storyverse',
    source: JSON.stringify(bundle),
    assetPaths: [],
    problems: spec.problems ? [{ severity: 'error', code: 'DANGLING_NEXT_SCENE', file: 'chapter.json', sceneId: 'fork', message: 'leads nowhere' }] : [],
    bundle: spec.problems ? null : (bundle as unknown as Record<string, unknown>),
    sha256: spec.problems ? null : sha256Hex(canonicalJson(bundle)),
    updatedAt: new Date('2026-01-01T00:00:00Z'),
  });
  await fork.flush();
}
