/**
 * The reading store over a real database (SQLite and PostgreSQL): reactions toggle and count right
 * when readers race, comments thread one level deep, and a read's record only ever moves forward.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { preparedStatements } from '../database/prepared-statements';
import { describeOnEngines } from '../../testing/test-database';
import { DatabaseReadingStore } from './database-reading-store';

describeOnEngines('the reading store', (db, engine) => {
  let store: DatabaseReadingStore;
  let now = new Date('2026-12-05T10:00:00Z');
  beforeAll(() => {
    store = new DatabaseReadingStore({ statements: preparedStatements(db().orm), clock: { now: () => now }, batches: { maxSize: 50, maxWaitMs: 5 }, readsGatherMs: 10 });
  });
  const chapter = () => `chapter-${randomUUID()}`;
  const reads = async (userId: string, chapterId: string) =>
    db().orm.em.getConnection().execute('select seconds, furthest_index as "furthestIndex", furthest_paragraph as "furthestParagraph", completed from chapter_read where user_id = ? and chapter_id = ?', [userId, chapterId]);

  it('adds a reaction, takes it back on the second toggle, and answers the count of the pair', async () => {
    const chapterId = chapter();
    const [a, b] = [randomUUID(), randomUUID()];
    expect(await store.toggleReaction(a, chapterId, 'p1', '🔥')).toBe(1);
    expect(await store.toggleReaction(b, chapterId, 'p1', '🔥')).toBe(2);
    expect(await store.toggleReaction(b, chapterId, 'p1', '😂')).toBe(1);
    expect(await store.toggleReaction(a, chapterId, 'p1', '🔥')).toBe(1);
    expect(await store.reactionCounts(chapterId)).toEqual({ p1: { '🔥': 1, '😂': 1 } });
    expect(await store.reactionsOf(b, chapterId)).toEqual([{ paragraphId: 'p1', emoji: '🔥' }, { paragraphId: 'p1', emoji: '😂' }].map((r) => expect.objectContaining(r)));
    expect(await store.reactionsOf(a, chapterId)).toEqual([]);
  });

  it('counts every reaction of readers who react at once, each answered the count its commit left', async () => {
    const chapterId = chapter();
    const readers = Array.from({ length: 20 }, () => randomUUID());
    const answered = await Promise.all(readers.map((userId) => store.toggleReaction(userId, chapterId, 'p1', '👏')));
    // Commits carry several toggles: each is answered its commit's count, the last commit's is all 20.
    for (const count of answered) expect(count).toBeGreaterThanOrEqual(1);
    expect(Math.max(...answered)).toBe(20);
    expect(await store.reactionCounts(chapterId)).toEqual({ p1: { '👏': 20 } });
    // Half of them take theirs back at once.
    await Promise.all(readers.slice(0, 10).map((userId) => store.toggleReaction(userId, chapterId, 'p1', '👏')));
    expect(await store.reactionCounts(chapterId)).toEqual({ p1: { '👏': 10 } });
  });

  it.runIf(engine === 'postgresql')('finds a toggle\'s row by its reader, not among every reaction to the paragraph', async () => {
    const chapterId = chapter();
    await Promise.all(Array.from({ length: 200 }, () => store.toggleReaction(randomUUID(), chapterId, 'p1', '🔥')));
    // The toggle's delete, as its statement has it; the plan PostgreSQL picks for it on this table as it is.
    const [{ 'QUERY PLAN': [plan] }] = await db().orm.em.getConnection().execute(
      'explain (format json) delete from reading_reactions where user_id = ?::uuid and chapter_id = ? and paragraph_id = ? and emoji = ?',
      [randomUUID(), chapterId, 'p1', '🔥'],
    );
    const scan = JSON.stringify(plan);
    expect(scan).toContain('"Index Name":"reading_reactions_pkey"');
    expect(scan).toMatch(/"Index Cond":"[^"]*user_id/);
  });

  it('toggles many readers\' reactions in shared commits, each pair counted once per change and a reader\'s two toggles in order', async () => {
    const chapterId = chapter();
    const readers = Array.from({ length: 30 }, () => randomUUID());
    const emojis = ['🔥', '😂', '😮'] as const;
    // Standing before: readers 0–9 have 🔥 on p1 (their toggles below take it back).
    for (const userId of readers.slice(0, 10)) await store.toggleReaction(userId, chapterId, 'p1', '🔥');
    const before = { ...store.toggleCommits };
    // At once: every reader toggles 🔥 on p1 and the emoji of their index on p2; reader 29 toggles theirs (😮) a second time.
    const answers = await Promise.all([
      ...readers.map((userId) => store.toggleReaction(userId, chapterId, 'p1', '🔥')),
      ...readers.map((userId, i) => store.toggleReaction(userId, chapterId, 'p2', emojis[i % 3]!)),
      store.toggleReaction(readers[29]!, chapterId, 'p2', emojis[29 % 3]!),
    ]);
    const commits = store.toggleCommits.commits - before.commits;
    expect(store.toggleCommits.writes - before.writes).toBe(61);
    expect(commits).toBeLessThan(61);
    // 10 taken back, 20 added; 10 each on p2, but reader 29's second toggle took theirs back.
    expect(await store.reactionCounts(chapterId)).toEqual({ p1: { '🔥': 20 }, p2: { '🔥': 10, '😂': 10, '😮': 9 } });
    expect(Math.max(...answers.slice(0, 30))).toBe(20);
    expect(await store.reactionsOf(readers[29]!, chapterId)).toEqual([expect.objectContaining({ paragraphId: 'p1', emoji: '🔥' })]);
    expect(await store.reactionsOf(readers[0]!, chapterId)).toEqual([expect.objectContaining({ paragraphId: 'p2', emoji: '🔥' })]);
  });

  it('keeps one reaction when the same reader adds it from two tabs at once', async () => {
    const chapterId = chapter();
    const reader = randomUUID();
    await Promise.all([store.toggleReaction(reader, chapterId, 'p1', '❤️'), store.toggleReaction(reader, chapterId, 'p1', '❤️')]);
    const counts = await store.reactionCounts(chapterId);
    // Either order of the two toggles leaves at most the one row the key allows.
    expect(counts.p1?.['❤️'] ?? 0).toBeLessThanOrEqual(1);
    expect((await store.reactionsOf(reader, chapterId)).length).toBe(counts.p1?.['❤️'] ?? 0);
  });

  it('stores a comment with its author as the room knows them; a reply to a reply joins its thread', async () => {
    const chapterId = chapter();
    const author = { id: randomUUID(), displayName: 'Wren' };
    const first = await store.addComment({ author, chapterId, paragraphId: 'p1', text: '<b>The lamp</b>', replyTo: null });
    expect(first).toEqual({ ok: true, value: { id: expect.any(String), paragraphId: 'p1', author, text: '<b>The lamp</b>', replyTo: null, at: now.toISOString() } });
    if (!first.ok) return;
    const reply = await store.addComment({ author, chapterId, paragraphId: 'p1', text: 'yes', replyTo: first.value.id });
    const replyToReply = await store.addComment({ author, chapterId, paragraphId: 'p1', text: 'and?', replyTo: reply.ok ? reply.value.id : '' });
    expect(replyToReply).toMatchObject({ ok: true, value: { replyTo: first.value.id } });
    expect(await store.addComment({ author, chapterId, paragraphId: 'p1', text: 'lost', replyTo: randomUUID() })).toMatchObject({ ok: false, refusal: { code: 'REPLY_NOT_FOUND' } });
    // A comment of another chapter is not a parent here.
    expect(await store.addComment({ author, chapterId: chapter(), paragraphId: 'p1', text: 'elsewhere', replyTo: first.value.id })).toMatchObject({ ok: false, refusal: { code: 'REPLY_NOT_FOUND' } });
    const [{ n }] = await db().orm.em.getConnection().execute('select count(*) as n from reading_comments where chapter_id = ?', [chapterId]);
    expect(Number(n)).toBe(3);
  });

  it('adds up a read: seconds summed, the furthest paragraph only forward, completion never taken back', async () => {
    const chapterId = chapter();
    const reader = randomUUID();
    await store.recordRead(reader, 'story', chapterId, { seconds: 5, furthestIndex: 3, furthestParagraph: 'p3', completed: false });
    await store.recordRead(reader, 'story', chapterId, { seconds: 7, furthestIndex: 9, furthestParagraph: 'p9', completed: true });
    now = new Date(now.getTime() + 60_000);
    await store.recordRead(reader, 'story', chapterId, { seconds: 2, furthestIndex: 1, furthestParagraph: 'p1', completed: false });
    const [row] = await reads(reader, chapterId);
    expect({ ...row, completed: Boolean(row.completed) }).toEqual({ seconds: 14, furthestIndex: 9, furthestParagraph: 'p9', completed: true });
  });

  it('keeps one read per reader and chapter when two rooms write the first record at once', async () => {
    const chapterId = chapter();
    const reader = randomUUID();
    await Promise.all([1, 2, 3].map((seconds) => store.recordRead(reader, 'story', chapterId, { seconds, furthestIndex: seconds, furthestParagraph: `p${seconds}`, completed: false })));
    const rows = await reads(reader, chapterId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ seconds: 6, furthestIndex: 3, furthestParagraph: 'p3' });
  });

  it('records the reads of many readers at once in shared commits, each as if alone', async () => {
    const chapterId = chapter();
    const readers = Array.from({ length: 30 }, () => randomUUID());
    const before = { ...store.readCommits };
    // Each reader twice: the second of one reader waits for the first's commit, never shares it.
    await Promise.all(readers.flatMap((userId, i) => [1, 2].map((n) => store.recordRead(userId, 'story', chapterId, { seconds: n, furthestIndex: i + n, furthestParagraph: `p${i + n}`, completed: n === 2 && i % 2 === 0 }))));
    const commits = store.readCommits.commits - before.commits;
    expect(store.readCommits.writes - before.writes).toBe(60);
    expect(commits).toBeLessThan(60);
    for (const [i, userId] of readers.entries()) {
      const [row] = await reads(userId, chapterId);
      expect({ ...row, completed: Boolean(row.completed) }).toEqual({ seconds: 3, furthestIndex: i + 2, furthestParagraph: `p${i + 2}`, completed: i % 2 === 0 });
    }
  });
});
