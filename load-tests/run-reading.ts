/**
 * The `reading` scenario: N readers of one chapter — each a guest who opened it first (not
 * measured) — join its reading rooms over the ramp, move through it at reading pace, react and
 * comment at the given rates. Reports join latency, fan-out latency (FanoutProbe) and the server.
 */
import type { StoryDetail } from '../api/index';
import { ChapterParagraphs } from '../rooms/reading/rules/chapter-paragraphs';
import { REACTION_EMOJIS } from '../rooms/reading/protocol';
import { FanoutProbe } from './fanout-probe';
import type { GeneratorFigures } from './generator-figures';
import type { LatencySummary } from './latency-histogram';
import { preparePlayers } from './prepare-players';
import { ReadingReader } from './reading-reader';
import { runFrame, type MetricsOption, type RunHooks } from './run-frame';
import { RunStats } from './run-stats';
import { SeededRandom } from './seeded-random';
import type { ServerFigures } from './server-metrics';
import { JoinFailed } from './story-session';
import { listStoryIds, TargetUnavailable } from './storyverse-api';
import { errorText } from './error-text';

export interface ReadingOptions extends MetricsOption {
  readers: number;
  rampS: number;
  durationS: number;
  /** Each reader reacts about this often (±30 %), and comments about as often as commentEveryS. */
  reactEveryS: number;
  commentEveryS: number;
  /** Seconds a reader spends on a paragraph before moving on. */
  paragraphS: number;
  observers: number;
  target: string;
  storyId: string | null;
  chapterId: string | null;
  seed: string;
  /** Readers prepared (guest + chapter opened) at once before the run. */
  prepareConcurrency: number;
}

export interface ReadingSummary {
  storyId: string;
  chapterId: string;
  paragraphs: number;
  readers: number;
  prepared: number;
  prepareS: number;
  joins: number;
  joinMs: LatencySummary;
  /** The seat-reservation half of the wire readers' joins (the rest is the socket, JOIN_ROOM and the first state). */
  seatMs: LatencySummary;
  /** The wire joins after the seat, step by step: socket connected, upgraded (101), admitted (JOIN_ROOM: the room's onJoin), first state. */
  joinStepsMs: { connect: LatencySummary; upgrade: LatencySummary; admit: LatencySummary; firstState: LatencySummary };
  fanoutReactionMs: LatencySummary;
  fanoutCommentMs: LatencySummary;
  /** Observer sightings that never came within 5 s: of reaction counts (lost), of comments (lost or held back by the live rate). */
  fanoutMissed: { reaction: number; comment: number };
  reactions: number;
  comments: number;
  positions: number;
  commentsReceived: number;
  /** Comments the server held back from readers (over each reader's live rate): stored, not sent live. */
  commentsHeldBack: number;
  errors: number;
  errorsByCode: Record<string, number>;
  errorSamples: string[];
  durationS: number;
  messagesPerSecond: number;
  server: ServerFigures | null;
  generator: GeneratorFigures;
}

/** A probe reaction a second, a probe comment every five. */
const REACTION_PROBE_MS = 1000;
const COMMENT_PROBE_EVERY = 5;
const PROBE_EMOJI = '👏';

export async function runReading(options: ReadingOptions, hooks: RunHooks = {}): Promise<ReadingSummary> {
  const { storyId, chapterId, paragraphIds } = await resolveChapter(options);
  // The last paragraph is the probe's: the other readers never react there, so every change of its counts is a probe's.
  const probeParagraph = paragraphIds[paragraphIds.length - 1]!;
  const readable = paragraphIds.length > 1 ? paragraphIds.slice(0, -1) : paragraphIds;
  const stats = new RunStats();
  const counts = { reactions: 0, comments: 0, positions: 0 };

  const { items: readers, seconds: prepareS } = await preparePlayers('readers', options.readers, options.prepareConcurrency, () => ReadingReader.prepare(options.target, storyId, stats), stats, hooks);

  // Observers spread over the join order, so over the rooms (each fills before the next opens) and processes.
  const spacing = Math.max(1, Math.floor(readers.length / Math.max(1, options.observers)));
  const observers = new Set<number>();
  for (let i = 0; i < readers.length && observers.size < options.observers; i += spacing) observers.add(i);
  const probe = new FanoutProbe();
  const random = new SeededRandom(options.seed);

  let probing = true;
  /** Joins in flight (the progress line shows them: a backlog means the server admits slower than the ramp). */
  let joining = 0;
  const prober = (async () => {
    for (let round = 1; probing; round++) {
      await new Promise((resolve) => setTimeout(resolve, REACTION_PROBE_MS));
      const watching = [...observers].filter((i) => readers[i]!.open);
      const senders = readers.map((_, i) => i).filter((i) => readers[i]!.open && !observers.has(i));
      if (!probing || watching.length === 0 || senders.length === 0) continue;
      const sender = readers[senders[random.below(senders.length)]!]!;
      if (round % COMMENT_PROBE_EVERY === 0) {
        const text = `probe ${round} from the load tool`;
        await probe.probe('comment', text, watching, () => sender.send('comment', { paragraphId: probeParagraph, text }));
      } else {
        await probe.probe('count', probeParagraph, watching, () => sender.send('react', { paragraphId: probeParagraph, emoji: PROBE_EMOJI }));
      }
    }
  })();

  const frame = await runFrame({ target: options.target, metrics: options.metrics, clients: readers.length, rampS: options.rampS, durationS: options.durationS }, stats, hooks, async (index, stop) => {
    const reader = readers[index]!;
    const rng = new SeededRandom(`${options.seed}:${index}`);
    joining++;
    try {
      await reader.join(storyId, chapterId, observers.has(index) ? (sighting) => probe.seen(index, sighting) : null);
    } catch (error) {
      stats.error(error instanceof JoinFailed ? error.code : 'JOIN_FAILED', errorText(error));
      return;
    } finally {
      joining--;
    }
    let at = 0;
    let standing: { paragraphId: string; emoji: string } | null = null;
    const now = () => performance.now();
    // First events at a random phase of their period: a crowd already reading, not one that acts in step.
    let nextMove = now() + rng.next() * options.paragraphS * 1000;
    let nextReact = now() + rng.next() * options.reactEveryS * 1000;
    let nextComment = now() + rng.next() * options.commentEveryS * 1000;
    reader.send('position', { paragraphId: readable[0] });
    counts.positions++;
    while (!stop.stopped && reader.open) {
      await stop.sleep(Math.min(nextMove, nextReact, nextComment) - now());
      if (stop.stopped || !reader.open) break;
      const t = now();
      if (t >= nextMove) {
        at = Math.min(at + 1, readable.length - 1);
        reader.send('position', { paragraphId: readable[at] });
        counts.positions++;
        nextMove = t + rng.jitter(options.paragraphS * 1000, 0.3);
      }
      if (t >= nextReact) {
        // Every other reaction takes the last one back, so counts stay bounded however long the run.
        const pair: { paragraphId: string; emoji: string } = standing ?? { paragraphId: readable[at]!, emoji: REACTION_EMOJIS[rng.below(REACTION_EMOJIS.length - 1)]! };
        standing = standing ? null : pair;
        reader.send('react', pair);
        counts.reactions++;
        nextReact = t + rng.jitter(options.reactEveryS * 1000, 0.3);
      }
      if (t >= nextComment) {
        reader.send('comment', { paragraphId: readable[at], text: `Reader ${index} on this line (${Math.round(t)})` });
        counts.comments++;
        nextComment = t + rng.jitter(options.commentEveryS * 1000, 0.3);
      }
    }
    // The run is over: no probe may wait on observers that are leaving.
    if (stop.stopped && probing) {
      probing = false;
      probe.cancel();
    }
    await reader.leave();
  }, () => `joining ${joining} · fan-out p99 ${fmt(probe.reactionMs.percentile(99))}`);
  probing = false;
  await prober;

  return {
    storyId,
    chapterId,
    paragraphs: paragraphIds.length,
    readers: options.readers,
    prepared: readers.length,
    prepareS,
    joins: stats.joinMs.count,
    joinMs: stats.joinMs.summary(),
    seatMs: stats.seatMs.summary(),
    joinStepsMs: {
      connect: stats.joinStepsMs.connect.summary(),
      upgrade: stats.joinStepsMs.upgrade.summary(),
      admit: stats.joinStepsMs.admit.summary(),
      firstState: stats.joinStepsMs.firstState.summary(),
    },
    fanoutReactionMs: probe.reactionMs.summary(),
    fanoutCommentMs: probe.commentMs.summary(),
    fanoutMissed: { reaction: probe.missed.count, comment: probe.missed.comment },
    ...counts,
    commentsReceived: stats.messagesReceived,
    commentsHeldBack: stats.commentsHeldBack,
    errors: stats.errors,
    errorsByCode: Object.fromEntries(stats.errorsByCode),
    errorSamples: stats.errorSamples,
    durationS: frame.durationS,
    messagesPerSecond: stats.messagesSent / frame.durationS,
    server: frame.server,
    generator: frame.generator,
  };
}

/** The chapter to read: the one asked for, else the first story's first chapter; its paragraph ids from its bundle. */
async function resolveChapter(options: ReadingOptions): Promise<{ storyId: string; chapterId: string; paragraphIds: readonly string[] }> {
  const storyId = options.storyId ?? (await listStoryIds(options.target))[0];
  if (!storyId) throw new TargetUnavailable(`${options.target} publishes no story`);
  const story = (await getJson(options.target, `/v1/stories/${encodeURIComponent(storyId)}`)) as StoryDetail;
  const chapters = [...(story.chapters ?? [])].sort((a, b) => a.number - b.number);
  const chapter = options.chapterId === null ? chapters[0] : chapters.find((c) => c.id === options.chapterId);
  if (!chapter) throw new TargetUnavailable(`story ${storyId} has no chapter ${options.chapterId ?? ''}`.trim());
  if (chapter.number !== chapters[0]!.number) throw new TargetUnavailable(`reading readers open the story's first chapter; ${chapter.id} is chapter ${chapter.number}`);
  const paragraphs = ChapterParagraphs.of((await getJson(options.target, chapter.bundleUrl)) as Parameters<typeof ChapterParagraphs.of>[0]);
  if (!paragraphs || paragraphs.count === 0) throw new TargetUnavailable(`chapter ${chapter.id} has no fixed paragraphs (an Ink chapter cannot be read together)`);
  return { storyId, chapterId: chapter.id, paragraphIds: paragraphs.ids };
}

async function getJson(target: string, path: string): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(`${target}${path}`, { redirect: 'follow' });
  } catch (error) {
    throw new TargetUnavailable(`cannot reach ${target}: ${String((error as Error).cause ?? error)}`);
  }
  if (!response.ok) throw new TargetUnavailable(`GET ${path} answered ${response.status}`);
  return response.json();
}

const fmt = (ms: number | null) => (ms === null ? '—' : `${ms.toFixed(1)} ms`);
