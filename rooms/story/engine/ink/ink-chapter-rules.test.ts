import { describe, expect, it } from 'vitest';
import { compileInk } from '../../../../content-pipeline/src/ink/compile-ink';
import { planInkChapters } from '../../../../content-pipeline/src/ink/ink-chapters';
import type { ActionOutcome } from '../apply-action';
import type { StoryProgress } from '../story-progress';
import type { InkChapter } from './ink-chapter';
import { InkChapterRules } from './ink-chapter-rules';

const NOW = new Date('2026-05-01T10:00:00Z');

const TALE = `VAR rel_Mara = 0
VAR lamp_lit = false
VAR coins = 3
The fog came in at dusk.
-> dock
=== dock ===
# chapter: Low Water
# background: assets/dock.png
# music: assets/waves.ogg
Mara: Well? {~Speak.|Talk.|Say something.|Go on.|Hurry.}
Someone whispers. # speaker: Ghost
# character: Mara worried
* [Light the lamp # cost: 5]
  ~ lamp_lit = true
  ~ rel_Mara += 2
  Light spills over the water.
* Wait[.], she said.
  ~ rel_Mara -= 1
- The tide turns.
-> harbour
=== harbour ===
# chapter: High Water
# background: assets/harbour.png
The harbour is full.
* [Sleep] -> END
* [Keep watch] Nothing comes. -> DONE
`;

function chapters(source: string, storyId = 'tide'): InkChapter[] {
  const compiled = compileInk('tale.ink', { 'tale.ink': source });
  if (!compiled.ok) throw new Error(compiled.messages.map((m) => `${m.line}: ${m.message}`).join('\n'));
  const plan = planInkChapters(compiled.json, storyId, 'Tide');
  return plan.chapters.map((c) => ({ format: 'ink', id: c.id, storyId, number: c.number, title: c.title, startKnot: c.startKnot, chapterKnots: plan.chapterKnots, assets: ['assets/dock.png', 'assets/waves.ogg'], ink: compiled.json }));
}

/** The id of the passage's n-th option (ids carry the passage's digest). */
const option = (rules: InkChapterRules, progress: StoryProgress, n: number): { type: 'choose'; choiceId: string } => {
  const id = rules.view(progress).choices[n]?.id;
  if (id === undefined) throw new Error(`no option ${n}`);
  return { type: 'choose', choiceId: id };
};

const ok = (outcome: ActionOutcome) => {
  if (!outcome.ok) throw new Error(`refused: ${outcome.refusal.code} ${outcome.refusal.message}`);
  return outcome;
};

describe('ink chapters', () => {
  const [one, two] = chapters(TALE) as [InkChapter, InkChapter];

  it('are the knots tagged "# chapter:", the first taking what comes before it', () => {
    expect([one, two].map((c) => [c.id, c.number, c.title, c.startKnot])).toEqual([['tide-dock', 1, 'Low Water', null], ['tide-harbour', 2, 'High Water', 'harbour']]);
    expect(chapters('Hello.\n-> END\n', 'solo').map((c) => [c.id, c.title, c.startKnot])).toEqual([['solo-ch1', 'Tide', null]]);
  });

  it('show narration, "Name: text" and "# speaker:" dialogue, the stage and the choices with their cost', () => {
    const rules = new InkChapterRules(one);
    const start = rules.start(null);
    expect(start).toMatchObject({ storyId: 'tide', chapterId: 'tide-dock', status: 'choice', step: 0, flags: { lamp_lit: false }, relationships: { Mara: 0 } });
    const view = rules.view(start);
    expect(view.timeline[0]).toEqual({ type: 'narration', text: 'The fog came in at dusk.' });
    expect(view.timeline[1]).toMatchObject({ type: 'dialogue', character: 'Mara' });
    expect(view.timeline.slice(2)).toEqual([{ type: 'dialogue', character: 'Ghost', text: 'Someone whispers.' }, { type: 'show', character: 'Mara', mood: 'worried' }]);
    expect(view).toMatchObject({ status: 'choice', background: 'assets/dock.png', music: 'assets/waves.ogg', ending: null });
    expect(view.choices.map(({ id: _id, ...rest }) => rest)).toEqual([
      { text: 'Light the lamp', cost: 5, locked: false, lockReason: '' },
      { text: 'Wait.', cost: 0, locked: false, lockReason: '' },
    ]);
    expect(view.choices.map((c) => c.id)).toEqual([expect.stringMatching(/^c0-[0-9a-f]{6}$/), expect.stringMatching(/^c1-[0-9a-f]{6}$/)]);
    expect(view.sceneId).toMatch(/^[a-z]+~[0-9a-f]{10}$/);
  });

  it('refuse advance at a choice, an option not offered, and anything after the end', () => {
    const rules = new InkChapterRules(one);
    const start = rules.start(null);
    expect(rules.act(start, { type: 'advance' }, NOW)).toMatchObject({ ok: false, refusal: { code: 'CHOICE_REQUIRED' } });
    expect(rules.act(start, { type: 'choose', choiceId: 'c9' }, NOW)).toMatchObject({ ok: false, refusal: { code: 'INVALID_CHOICE' } });
    const ended = ok(rules.act(start, option(rules, start, 1), NOW)).progress;
    expect(rules.act(ended, { type: 'advance' }, NOW)).toMatchObject({ ok: false, refusal: { code: 'CHAPTER_ENDED' } });
  });

  it('charge the tagged cost, apply ink variables as flags and rel_ relationships, and end the chapter at the next chapter knot', () => {
    const rules = new InkChapterRules(one);
    const start = rules.start(null);
    const chosen = ok(rules.act(start, option(rules, start, 0), NOW));
    expect(chosen.diamonds).toBe(5);
    expect(chosen.choice).toMatchObject({ id: option(rules, start, 0).choiceId, cost: 5 });
    expect(chosen.progress).toMatchObject({ status: 'ended', step: 1, flags: { lamp_lit: true }, relationships: { Mara: 2 }, completedChapterIds: ['tide-dock'] });
    expect(chosen.progress.history).toEqual([{ chapterId: 'tide-dock', sceneId: start.sceneId, choiceId: option(rules, start, 0).choiceId, at: NOW.toISOString() }]);
    expect(chosen.progress.sceneId).not.toBe(start.sceneId);
    const view = rules.view(chosen.progress);
    // The harbour's lines belong to chapter 2: chapter 1 stops right before them.
    expect(view.timeline.map((s) => s.text)).toEqual(['Light spills over the water.', 'The tide turns.']);
    expect(view).toMatchObject({ status: 'ended', ending: { title: 'Low Water' } });
  });

  it('start the next chapter exactly where the last one stopped, with what was earned', () => {
    const first = new InkChapterRules(one);
    const begun = first.start(null);
    const ended = ok(first.act(begun, option(first, begun, 1), NOW)).progress;
    const second = new InkChapterRules(two);
    const opened = second.start(ended);
    expect(opened).toMatchObject({ chapterId: 'tide-harbour', status: 'choice', relationships: { Mara: -1 }, completedChapterIds: ['tide-dock'] });
    const view = second.view(opened);
    expect(view.timeline).toEqual([{ type: 'narration', text: 'The harbour is full.' }]);
    expect(view.background).toBe('assets/dock.png'); // harbour.png is not in the bundle's assets: the stage stays
    expect(view.choices.map((c) => c.text)).toEqual(['Sleep', 'Keep watch']);
  });

  it('end the story at -> END and -> DONE', () => {
    const second = new InkChapterRules(two);
    const opened = second.start(null);
    expect(ok(second.act(opened, option(second, opened, 0), NOW)).progress).toMatchObject({ status: 'ended', completedChapterIds: ['tide-harbour'] });
    const watched = ok(second.act(opened, option(second, opened, 1), NOW)).progress;
    expect(watched.status).toBe('ended');
    expect(second.view(watched).timeline).toEqual([{ type: 'narration', text: 'Nothing comes.' }]);
  });

  it('resume from the saved state with the same lines, random variation included, in another process', () => {
    const rules = new InkChapterRules(one);
    const lines = new Set<string>();
    for (let i = 0; i < 12; i++) {
      const start = rules.start(null);
      const saved: StoryProgress = JSON.parse(JSON.stringify(start)) as StoryProgress;
      const text = rules.view(start).timeline[1]?.text;
      lines.add(text ?? '');
      // A fresh rules object stands for another process: only the saved progress travels.
      const elsewhere = new InkChapterRules(JSON.parse(JSON.stringify(one)) as InkChapter);
      const resumed = elsewhere.resume(saved);
      expect(resumed).toEqual(start);
      expect(elsewhere.view(resumed).timeline[1]?.text).toBe(text);
      expect(rules.view(start).timeline[1]?.text).toBe(text);
    }
    expect(lines.size).toBeGreaterThan(1); // the shuffle really varies between players
  });

  it('never change the progress given', () => {
    const rules = new InkChapterRules(one);
    const start = rules.start(null);
    const snapshot = structuredClone(start);
    rules.act(start, option(rules, start, 0), NOW);
    expect(start).toEqual(snapshot);
  });

  it('cut a passage that runs on without choices into pages (advance goes on)', () => {
    const [loop] = chapters('VAR n = 0\n-> again\n=== again ===\n~ n += 1\nLine {n}.\n{n < 450: -> again}\nDone.\n-> END\n') as [InkChapter];
    const rules = new InkChapterRules(loop);
    const first = rules.start(null);
    expect(first.status).toBe('playing');
    expect(rules.view(first).timeline).toHaveLength(200);
    const second = ok(rules.act(first, { type: 'advance' }, NOW)).progress;
    expect(rules.view(second).timeline[0]).toEqual({ type: 'narration', text: 'Line 201.' });
    const third = ok(rules.act(second, { type: 'advance' }, NOW)).progress;
    expect(third.status).toBe('ended');
    expect(rules.view(third).timeline.at(-1)).toEqual({ type: 'narration', text: 'Done.' });
  });

  it('end a story that runs out of content without -> END where it stops', () => {
    const [loose] = chapters('Hello.\n* [Go] Went.\n') as [InkChapter];
    const rules = new InkChapterRules(loose);
    const start = rules.start(null);
    const ended = ok(rules.act(start, option(rules, start, 0), NOW)).progress;
    expect(ended.status).toBe('ended');
    expect(rules.view(ended).timeline).toEqual([{ type: 'narration', text: 'Went.' }]);
  });
});
