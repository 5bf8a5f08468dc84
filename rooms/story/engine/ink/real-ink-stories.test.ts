import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContentDir } from '../../../../content-pipeline';
import { importStoryFile } from '../../../../content-pipeline/src/import/import-story-file';
import { rulesFor } from '../chapter-rules';
import type { StoryProgress } from '../story-progress';
import type { InkChapter } from './ink-chapter';

// Ink stories other people wrote (inkle's samples and the like) are not committed: they are
// gathered into REAL_CASES/ink (default /var/tmp/realcases/ink), as the importers' acceptance check
// does. Each one is imported with the import command's code and played through every chapter to an
// ending with several different runs of choices.
const DIR = join(process.env.REAL_CASES ?? '/var/tmp/realcases', 'ink');
const files = existsSync(DIR) ? readdirSync(DIR).filter((f) => f.endsWith('.ink')).sort() : [];
if (files.length === 0) console.warn(`\n⚠️  SKIPPED real ink stories: none under ${DIR} (set REAL_CASES)\n`);

const NOW = new Date('2026-05-01T10:00:00Z');

describe.skipIf(files.length === 0)('real ink stories', () => {
  it.each(files)('%s imports and plays to an ending with varied choices', async (file) => {
    const root = await mkdtemp(join(tmpdir(), 'real-ink-'));
    try {
      const report = await importStoryFile(join(DIR, file), join(root, 'story'), { storyId: 'real' });
      expect(report.ok, JSON.stringify(report)).toBe(true);
      const [story] = (await loadContentDir(root)).stories;
      const chapters = story!.chapters.map((c) => c.bundle as InkChapter);
      const endings = new Set<string>();
      for (let seed = 1; seed <= 4; seed++) {
        let progress: StoryProgress | null = null;
        let random = seed;
        for (const chapter of chapters) {
          const rules = rulesFor(chapter);
          let here: StoryProgress = rules.start(progress);
          for (let step = 0; step < 2000 && here.status !== 'ended'; step++) {
            const view = rules.view(here);
            random = (random * 1103515245 + 12345) % 2147483648;
            const action = view.status === 'choice' ? { type: 'choose' as const, choiceId: view.choices[random % view.choices.length]!.id } : { type: 'advance' as const };
            const outcome = rules.act(here, action, NOW);
            if (!outcome.ok) throw new Error(`${file}: refused ${outcome.refusal.code}: ${outcome.refusal.message}`);
            here = outcome.progress;
          }
          expect(here.status, `${file} ${chapter.id} seed ${seed}`).toBe('ended');
          progress = here;
        }
        endings.add(JSON.stringify(rulesFor(chapters.at(-1)!).view(progress!).timeline.at(-1)));
      }
      expect(endings.size).toBeGreaterThan(0);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
