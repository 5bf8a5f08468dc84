import { randomUUID } from 'node:crypto';
import type { ReadingCommentMessage, ReactionEmoji } from '../../rooms/reading/protocol';
import type { ReadProgress, ReadingStore } from '../../rooms/reading/reading-room-deps';
import type { Outcome } from '../../rooms/reading/rules/outcome';
import { aggregateReactions, type ReactionCounts } from '../../rooms/reading/rules/reaction-counts';
import { GroupCommit, type GroupCommitLimits } from '../database/group-commit';
import { ALWAYS_GATHER } from '../database/write-pace';
import type { PreparedStatements, RowShape, StatementRunner } from '../database/prepared-statements';
import type { Clock } from '../shared/clock';

const COUNTS_SQL = 'select paragraph_id as "paragraphId", emoji, count as "count" from reading_reaction_counts where chapter_id = ? and count > 0';
const MINE_SQL = 'select paragraph_id as "paragraphId", emoji from reading_reactions where user_id = ? and chapter_id = ? order by created_at';
const DELETE_REACTION_SQL = 'delete from reading_reactions where user_id = ? and chapter_id = ? and paragraph_id = ? and emoji = ?';
const INSERT_REACTION_SQL = 'insert into reading_reactions (user_id, chapter_id, paragraph_id, emoji, created_at) values (?, ?, ?, ?, ?) on conflict do nothing';
/** The pair's count moved by a toggle's change (+1, -1, or 0 when another tab won), and its new value. */
const MOVE_COUNT_SQL =
  'insert into reading_reaction_counts (chapter_id, paragraph_id, emoji, count) values (?, ?, ?, ?) ' +
  'on conflict (chapter_id, paragraph_id, emoji) do update set count = reading_reaction_counts.count + excluded.count returning count as "count"';

/**
 * PostgreSQL's toggle in one statement (one round trip, committed by itself): the reaction is taken
 * back when it stands, added otherwise, and the pair's kept count moved by the change — its row lock
 * puts toggles of one pair in order, so each answers the count its own commit left. `on conflict do
 * nothing`: the same reader's other tab added it a moment ago — it stands, as they wanted.
 */
const TOGGLE_REACTION_PG =
  'with removed as (delete from reading_reactions where user_id = ?::uuid and chapter_id = ? and paragraph_id = ? and emoji = ? returning 1), ' +
  'added as (insert into reading_reactions (user_id, chapter_id, paragraph_id, emoji, created_at) ' +
  'select ?::uuid, ?, ?, ?, ?::timestamptz where not exists (select 1 from removed) on conflict do nothing returning 1) ' +
  'insert into reading_reaction_counts (chapter_id, paragraph_id, emoji, count) select ?, ?, ?, (select count(*) from added) - (select count(*) from removed) ' +
  'on conflict (chapter_id, paragraph_id, emoji) do update set count = reading_reaction_counts.count + excluded.count returning count as "count"';

/**
 * PostgreSQL: a batch of toggles (one per reader and pair, GroupCommit's key) in one statement, the
 * toggle above for many readers. Each pair's count moves once by the sum of its changes — in a fixed
 * order of pairs, so two batches that share pairs lock their rows in the same order — and every toggle
 * is answered the count its batch left (input order: `n`).
 */
const TOGGLE_REACTIONS_PG =
  'with input as (select * from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::timestamptz[]) with ordinality as t(user_id, chapter_id, paragraph_id, emoji, at, n)), ' +
  'removed as (delete from reading_reactions r using input i where r.user_id = i.user_id and r.chapter_id = i.chapter_id and r.paragraph_id = i.paragraph_id and r.emoji = i.emoji ' +
  'returning r.user_id, r.chapter_id, r.paragraph_id, r.emoji), ' +
  'added as (insert into reading_reactions (user_id, chapter_id, paragraph_id, emoji, created_at) select i.user_id, i.chapter_id, i.paragraph_id, i.emoji, i.at from input i ' +
  'where not exists (select 1 from removed d where d.user_id = i.user_id and d.chapter_id = i.chapter_id and d.paragraph_id = i.paragraph_id and d.emoji = i.emoji) ' +
  'on conflict do nothing returning chapter_id, paragraph_id, emoji), ' +
  'moved as (insert into reading_reaction_counts (chapter_id, paragraph_id, emoji, count) ' +
  'select chapter_id, paragraph_id, emoji, sum(change)::int from (select chapter_id, paragraph_id, emoji, 1 as change from added ' +
  'union all select chapter_id, paragraph_id, emoji, -1 from removed union all select chapter_id, paragraph_id, emoji, 0 from input) changes ' +
  'group by chapter_id, paragraph_id, emoji order by chapter_id, paragraph_id, emoji ' +
  'on conflict (chapter_id, paragraph_id, emoji) do update set count = reading_reaction_counts.count + excluded.count returning chapter_id, paragraph_id, emoji, count) ' +
  'select m.count as "count" from input i join moved m using (chapter_id, paragraph_id, emoji) order by i.n';

const PARENT_SQL = 'select id, reply_to as "replyTo" from reading_comments where id = ? and chapter_id = ? and deleted_at is null';
const INSERT_COMMENT_SQL = 'insert into reading_comments (id, chapter_id, paragraph_id, author_id, text, reply_to, created_at, deleted_at) values (?, ?, ?, ?, ?, ?, ?, null)';

/**
 * A read's record: the first creates the row; later ones add the seconds, move the furthest paragraph
 * only forward and never take completion back. Two rooms of the same reader writing at once cannot
 * both insert: the loser's insert becomes the update.
 */
const READ_COLUMNS = 'user_id, chapter_id, story_id, seconds, furthest_paragraph, furthest_index, completed, updated_at';
const READ_UPSERT =
  'on conflict (user_id, chapter_id) do update set seconds = chapter_read.seconds + excluded.seconds, ' +
  'furthest_paragraph = case when excluded.furthest_index > chapter_read.furthest_index then excluded.furthest_paragraph else chapter_read.furthest_paragraph end, ' +
  'furthest_index = case when excluded.furthest_index > chapter_read.furthest_index then excluded.furthest_index else chapter_read.furthest_index end, ' +
  'completed = chapter_read.completed or excluded.completed, updated_at = excluded.updated_at';
const RECORD_READ_SQL = `insert into chapter_read (${READ_COLUMNS}) values (?, ?, ?, ?, ?, ?, ?, ?) ${READ_UPSERT}`;
/** PostgreSQL: a batch of records (one per reader and chapter) in one statement, each column an array. */
const RECORD_READS_PG = `insert into chapter_read (${READ_COLUMNS}) select * from unnest(?::uuid[], ?::text[], ?::text[], ?::int[], ?::text[], ?::int[], ?::boolean[], ?::timestamptz[]) ${READ_UPSERT}`;

/** One reader's reaction to take back or add. */
interface Toggle {
  userId: string;
  chapterId: string;
  paragraphId: string;
  emoji: ReactionEmoji;
  at: Date;
}

/** One reader's read of one chapter, to be recorded. */
interface ReadRecord extends ReadProgress {
  userId: string;
  storyId: string;
  chapterId: string;
  at: Date;
}

export interface DatabaseReadingStoreDeps {
  statements: PreparedStatements;
  clock: Clock;
  /** Reads recorded and reactions toggled at once by many rooms share commits (the story steps' limits). */
  batches: GroupCommitLimits;
  /** How long a read record waits for others to share its commit (default READ_RECORDS_GATHER_MS). */
  readsGatherMs?: number;
  /** How long a reaction toggle waits for others to share its commit (default TOGGLES_GATHER_MS). */
  togglesGatherMs?: number;
}

/**
 * Nobody waits on a read record (the room sends it beside the reader's writes), so records gather for
 * a second and go in one commit: on release day that is a commit a second per process instead of one
 * a record — 10,000 readers record every 15 s, and one at a time PostgreSQL spent its commits on them.
 */
export const READ_RECORDS_GATHER_MS = 1000;

/**
 * A toggle's count reaches readers with the room's next patch (every 500 ms by default), so a toggle
 * can wait a little for others to share its commit without anyone seeing it: release day's 500
 * toggles a second then take tens of commits a second, not hundreds.
 */
export const TOGGLES_GATHER_MS = 20;

/**
 * Reactions, comments and reads in the database (SQLite or PostgreSQL), each written by one prepared
 * statement where the engine allows — a reading room waits on every write before announcing it, so
 * its round trips are the room's pace on release day.
 */
export class DatabaseReadingStore implements ReadingStore {
  /** Release day's most frequent write — every reader every 15 s — gathered (READ_RECORDS_GATHER_MS): one statement for many readers. */
  private readonly reads: GroupCommit<ReadRecord, true>;
  /** The next most frequent (every reader every 20 s): toggles of many readers in one statement. */
  private readonly toggles: GroupCommit<Toggle, number>;

  constructor(private readonly deps: DatabaseReadingStoreDeps) {
    this.reads = new GroupCommit((records) => this.commitReads(records), (record) => `${record.userId} ${record.chapterId}`, { ...deps.batches, maxWaitMs: deps.readsGatherMs ?? READ_RECORDS_GATHER_MS }, ALWAYS_GATHER);
    // One toggle per reader and pair in a batch: a reader's second toggle of a pair is applied after the first.
    this.toggles = new GroupCommit((toggles) => this.commitToggles(toggles), (t) => `${t.userId} ${t.chapterId} ${t.paragraphId} ${t.emoji}`, { ...deps.batches, maxWaitMs: deps.togglesGatherMs ?? TOGGLES_GATHER_MS }, ALWAYS_GATHER);
  }

  /** Reads recorded and the commits that carried them (how much sharing happens). */
  get readCommits(): { commits: number; writes: number } {
    return this.reads.totals;
  }

  /** Reactions toggled and the commits that carried them. */
  get toggleCommits(): { commits: number; writes: number } {
    return this.toggles.totals;
  }

  async reactionCounts(chapterId: string): Promise<ReactionCounts> {
    return aggregateReactions(await this.deps.statements.all(COUNTS_SQL, [chapterId], REACTION_COUNT));
  }

  async reactionsOf(userId: string, chapterId: string): Promise<{ paragraphId: string; emoji: string }[]> {
    return this.deps.statements.all(MINE_SQL, [userId, chapterId], REACTION);
  }

  /** The pair's count once the toggle's commit is in (a batch's toggles of one pair all answer the count it left). */
  toggleReaction(userId: string, chapterId: string, paragraphId: string, emoji: ReactionEmoji): Promise<number> {
    return this.toggles.write({ userId, chapterId, paragraphId, emoji, at: this.deps.clock.now() });
  }

  private async commitToggles(toggles: readonly Toggle[]): Promise<number[]> {
    const { statements } = this.deps;
    if (statements.dialect === 'postgresql') {
      if (toggles.length === 1) {
        const { userId, chapterId, paragraphId, emoji, at } = toggles[0]!;
        const row = await statements.first(TOGGLE_REACTION_PG, [userId, chapterId, paragraphId, emoji, userId, chapterId, paragraphId, emoji, at, chapterId, paragraphId, emoji], COUNT);
        return [row?.count ?? 0];
      }
      const column = (pick: (t: Toggle) => string) => toggles.map(pick);
      const rows = await statements.all(TOGGLE_REACTIONS_PG, [column((t) => t.userId), column((t) => t.chapterId), column((t) => t.paragraphId), column((t) => t.emoji), column((t) => t.at.toISOString())], COUNT);
      return rows.map((row) => row.count);
    }
    // SQLite has no data-modifying CTE; one transaction holds the same steps, toggle after toggle,
    // and each toggle is answered its pair's count at the end (as on PostgreSQL).
    return statements.transaction(async (tx: StatementRunner) => {
      const pairKey = (t: Toggle) => `${t.chapterId} ${t.paragraphId} ${t.emoji}`;
      const counts = new Map<string, number>();
      for (const toggle of toggles) {
        const { userId, chapterId, paragraphId, emoji, at } = toggle;
        const removed = await tx.run(DELETE_REACTION_SQL, [userId, chapterId, paragraphId, emoji]);
        const added = removed === 0 ? await tx.run(INSERT_REACTION_SQL, [userId, chapterId, paragraphId, emoji, at]) : 0;
        counts.set(pairKey(toggle), (await tx.first(MOVE_COUNT_SQL, [chapterId, paragraphId, emoji, added - removed], COUNT))?.count ?? 0);
      }
      return toggles.map((toggle) => counts.get(pairKey(toggle))!);
    });
  }

  async addComment(input: { author: { id: string; displayName: string }; chapterId: string; paragraphId: string; text: string; replyTo: string | null }): Promise<Outcome<ReadingCommentMessage>> {
    let replyTo: string | null = null;
    if (input.replyTo !== null) {
      const parent = await this.deps.statements.first<{ id: string; replyTo: string | null }>(PARENT_SQL, [input.replyTo, input.chapterId], { id: 'text', replyTo: 'text' });
      if (!parent) return { ok: false, refusal: { code: 'REPLY_NOT_FOUND', message: 'The comment you reply to is not there any more', details: { replyTo: input.replyTo } } };
      // Threads are one level deep: a reply to a reply joins its parent's thread.
      replyTo = parent.replyTo ?? parent.id;
    }
    const id = randomUUID();
    const at = this.deps.clock.now();
    await this.deps.statements.run(INSERT_COMMENT_SQL, [id, input.chapterId, input.paragraphId, input.author.id, input.text, replyTo, at]);
    return { ok: true, value: { id, paragraphId: input.paragraphId, author: input.author, text: input.text, replyTo, at: at.toISOString() } };
  }

  async recordRead(userId: string, storyId: string, chapterId: string, progress: ReadProgress): Promise<void> {
    await this.reads.write({ userId, storyId, chapterId, ...progress, at: this.deps.clock.now() });
  }

  private async commitReads(records: readonly ReadRecord[]): Promise<true[]> {
    const { statements } = this.deps;
    const values = (r: ReadRecord) => [r.userId, r.chapterId, r.storyId, r.seconds, r.furthestParagraph, r.furthestIndex, r.completed, r.at] as const;
    if (records.length === 1) await statements.run(RECORD_READ_SQL, values(records[0]!));
    else if (statements.dialect === 'postgresql') {
      // Arrays of text and numbers: dates as ISO text, booleans as 'true'/'false', cast by the statement.
      const rows = records.map(values);
      const column = (i: number) => rows.map((row) => { const v = row[i]; return v instanceof Date ? v.toISOString() : typeof v === 'boolean' ? String(v) : (v ?? null); });
      await statements.run(RECORD_READS_PG, rows[0]!.map((_, i) => column(i)));
    } else {
      await statements.transaction(async (tx) => {
        for (const record of records) await tx.run(RECORD_READ_SQL, values(record));
      });
    }
    return records.map(() => true as const);
  }
}

const COUNT: RowShape<{ count: number }> = { count: 'integer' };
const REACTION: RowShape<{ paragraphId: string; emoji: string }> = { paragraphId: 'text', emoji: 'text' };
const REACTION_COUNT: RowShape<{ paragraphId: string; emoji: string; count: number }> = { ...REACTION, ...COUNT };
