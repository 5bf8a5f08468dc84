import { execFile } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTree } from './test-support/dir-files';

// The CLI as users run it: a separate process through tsx (what `npm run content` does),
// judged by its exit code and output lines.

const CLI = fileURLToPath(new URL('../cli.ts', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../fixtures', import.meta.url));

type Run = { code: number; stdout: string[]; stderr: string };

async function runCli(...args: string[]): Promise<Run> {
  // No npm_lifecycle_event: relative paths resolve against cwd, and these tests pass absolute ones.
  const env = { ...process.env, npm_lifecycle_event: undefined, NO_COLOR: '1' };
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', CLI, ...args], { env });
    return { code: 0, stdout: lines(stdout), stderr };
  } catch (error) {
    const failed = error as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number') throw error;
    return { code: failed.code, stdout: lines(failed.stdout ?? ''), stderr: failed.stderr ?? '' };
  }
}

const lines = (text: string): string[] => text.split('\n').filter((l) => l !== '');

let out: string;
beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'content-cli-'));
});
afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

describe('content lint', () => {
  it('exits 0 on a clean content dir and prints only the summary', async () => {
    const run = await runCli('lint', join(FIXTURES, 'valid'));
    expect(run).toMatchObject({ code: 0, stdout: ['1 story checked: 0 errors, 0 warnings'] });
  });

  it('checks a single story folder when given one, and only that story', async () => {
    const clean = await runCli('lint', join(FIXTURES, 'valid', 'moonlit-ferry'));
    expect(clean).toMatchObject({ code: 0, stdout: ['1 story checked: 0 errors, 0 warnings'] });
    const broken = await runCli('lint', join(FIXTURES, 'broken', 'dangling-next'));
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain(
      'error DANGLING_NEXT_SCENE dangling-next/chapters/01.json#cave: nextSceneId points to "deeper_cave", which is not a scene in this chapter',
    );
    expect(broken.stdout.filter((l) => l.startsWith('error ')).every((l) => l.includes(' dangling-next/'))).toBe(true);
    expect(broken.stdout.at(-1)).toMatch(/^1 story checked: [1-9]\d* errors?, 0 warnings$/);
  });

  it('exits 1 on broken stories, one line per problem', async () => {
    const run = await runCli('lint', join(FIXTURES, 'broken'));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      'error DANGLING_NEXT_SCENE dangling-next/chapters/01.json#cave: nextSceneId points to "deeper_cave", which is not a scene in this chapter',
    );
    expect(run.stdout).toContain('error NO_CHAPTERS no-chapters/story.json: the story has no chapters/*.json files');
    expect(run.stdout.filter((l) => l.startsWith('error '))).toHaveLength(run.stdout.length - 1);
    expect(run.stdout.at(-1)).toMatch(/^35 stories checked: \d+ errors, 0 warnings$/);
  });

  it('exits 0 on warnings, and 1 with --strict', async () => {
    const relaxed = await runCli('lint', join(FIXTURES, 'warnings'));
    expect(relaxed.code).toBe(0);
    expect(relaxed.stdout).toContain(
      'warning ALL_OPTIONS_GATED all-options-gated/chapters/01.json#fork: every option of the choice has "requires"; a player for whom none holds would be stuck here, so leave at least one option ungated',
    );
    const strict = await runCli('lint', '--strict', join(FIXTURES, 'warnings'));
    expect(strict.code).toBe(1);
    expect(strict.stdout.at(-1)).toBe('5 stories checked: 0 errors, 7 warnings (--strict: warnings fail)');
  });
});

describe('content build', () => {
  it('writes the golden output and says what it wrote', async () => {
    const target = join(out, 'golden');
    const run = await runCli('build', join(FIXTURES, 'golden', 'every-extension', 'source'), '--out', target);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`written ${join(target, 'manifest.json')}`);
    expect(run.stdout.at(-1)).toBe(`built 1 story (2 chapters) into ${target}: 9 written, 0 updated, 0 unchanged`);
    expect(await readTree(target)).toEqual(await readTree(join(FIXTURES, 'golden', 'every-extension', 'expected')));

    const again = await runCli('build', join(FIXTURES, 'golden', 'every-extension', 'source'), `--out=${target}`);
    expect(again.stdout).toEqual(['1 story checked: 0 errors, 0 warnings', `built 1 story (2 chapters) into ${target}: 0 written, 0 updated, 9 unchanged`]);
  });

  it('exits 1 on errors and writes nothing for the broken stories', async () => {
    const content = join(out, 'mixed-src');
    await cp(join(FIXTURES, 'valid'), content, { recursive: true });
    await cp(join(FIXTURES, 'broken', 'dead-end'), join(content, 'dead-end'), { recursive: true });
    const target = join(out, 'mixed');
    const run = await runCli('build', content, '--out', target);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('error DEAD_END dead-end/chapters/01.json#stuck: has no nextSceneId, no choice and is not marked "end": true, so the player would be stuck');
    expect(run.stdout.at(-1)).toMatch(/^built 1 story \(2 chapters\) into .*; refused \(nothing written\): dead-end$/);
    expect([...(await readTree(target)).keys()].filter((p) => !p.startsWith('moonlit-ferry/'))).toEqual(['manifest.json']);
  });
});

describe('usage errors exit 2', () => {
  it.each([
    [['publish', FIXTURES], /unknown command "publish"/],
    [[], /missing command/],
    [['lint'], /lint: missing <content-dir>/],
    [['lint', join(FIXTURES, 'no-such-dir')], /does not exist/],
    [['lint', join(FIXTURES, 'golden', '.gitattributes')], /is not a directory/],
    [['build', join(FIXTURES, 'valid')], /missing --out/],
    [['build', join(FIXTURES, 'valid'), '--out', join(FIXTURES, 'valid', 'dist')], /is inside the content dir/],
    [['build', join(FIXTURES, 'valid'), '--strict', '--out', '/tmp/x'], /--strict is for lint/],
    [['lint', FIXTURES, '--verbose'], /Unknown option '--verbose'/],
  ])('%j', async (args, message) => {
    const run = await runCli(...args);
    expect(run.code).toBe(2);
    expect(run.stdout).toEqual([]);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toContain('usage: npm run content -- lint <content-dir> [--strict]');
  });
});
