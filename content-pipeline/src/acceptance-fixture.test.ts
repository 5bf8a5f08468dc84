import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContentDir } from './load-content';

// The shared acceptance content lives outside the repo; on machines without it the check is
// skipped loudly rather than failed.
const ACCEPTANCE_CONTENT = '/work/shared/acceptance/fixtures/default/content';
const present = existsSync(ACCEPTANCE_CONTENT);
if (!present) console.warn(`[content-pipeline] skipping acceptance content check: ${ACCEPTANCE_CONTENT} not found`);

describe.skipIf(!present)('acceptance fixture content', () => {
  it('loads the good stories, excludes missing-stairs and lists the saltmarsh world', async () => {
    const result = await loadContentDir(ACCEPTANCE_CONTENT);
    expect(result.stories.map((s) => s.manifest.id).sort()).toEqual(['ember-road', 'first-frost', 'harbor-clock', 'quiet-violin']);
    expect(result.worldDirs.map((d) => basename(d))).toEqual(['saltmarsh']);
    const stairs = result.problems.filter((p) => p.file.startsWith('missing-stairs/'));
    expect(stairs).toContainEqual(expect.objectContaining({ code: 'DANGLING_NEXT_SCENE', file: 'missing-stairs/chapters/01.json', sceneId: 'a' }));
    expect(result.problems.filter((p) => p.severity === 'error' && !p.file.startsWith('missing-stairs/'))).toEqual([]);
  });
});
