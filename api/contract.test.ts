import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The point of api/: a field changed on one side of the wire and not the other fails the
 * type-check. These tests run the real compiler (the root tsconfig's options) over the real files,
 * with one line edited in memory, and read the diagnostics.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The files each case reads diagnostics from: the server's views and routers, their client and load-tool readers. */
const WATCHED = [
  'server/catalog/story-views.ts',
  'server/campaigns/worlds-router.ts',
  'client/src/shell/featured-story.ts',
  'client/src/shell/story-card.ts',
  'client/src/shell/api-client.ts',
  'client/src/campaign/campaign-lobby-screen.ts',
  'load-tests/storyverse-api.ts',
].map((file) => join(root, file));

interface Edit {
  file: string;
  from: string;
  to: string;
}

function compilerOptions(): ts.CompilerOptions {
  const configPath = join(root, 'tsconfig.json');
  const config = ts.readConfigFile(configPath, (path) => ts.sys.readFile(path));
  return ts.parseJsonConfigFileContent(config.config, ts.sys, root, undefined, configPath).options;
}

const options = compilerOptions();
let baseline: ts.Program;

/** Type-checks the watched files with `edit` applied in memory; answers "file: message" per diagnostic. */
function diagnosticsWith(edit: Edit | null): string[] {
  const host = ts.createCompilerHost(options, true);
  if (edit) {
    const path = join(root, edit.file);
    const original = readFileSync(path, 'utf8');
    // Guards the test itself: an edit that no longer matches would prove nothing.
    expect(original.split(edit.from).length - 1, `"${edit.from}" occurs once in ${edit.file}`).toBe(1);
    const edited = original.replace(edit.from, edit.to);
    const readFile = host.readFile.bind(host);
    const getSourceFile = host.getSourceFile.bind(host);
    host.readFile = (file) => (resolve(file) === path ? edited : readFile(file));
    host.getSourceFile = (file, language, onError, shouldCreate) =>
      resolve(file) === path ? ts.createSourceFile(file, edited, language, true) : getSourceFile(file, language, onError, shouldCreate);
  }
  const program = ts.createProgram({ rootNames: WATCHED, options, host, oldProgram: baseline });
  if (!edit) baseline = program;
  return WATCHED.flatMap((file) => {
    const source = program.getSourceFile(file);
    if (!source) throw new Error(`${file} is not in the program`);
    return program.getSemanticDiagnostics(source).map((d) => `${d.file?.fileName.slice(root.length + 1)}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
  });
}

describe('the REST contract (api/)', () => {
  beforeAll(() => {
    // Unchanged, the tree type-checks: every diagnostic below comes from the one edited line.
    expect(diagnosticsWith(null)).toEqual([]);
  }, 60_000);

  it('refuses a server view that renames a field of its answer', () => {
    const found = diagnosticsWith({ file: 'server/catalog/story-views.ts', from: '    plays: story.plays,', to: '    playCount: story.plays,' });
    expect(found).toContainEqual(expect.stringMatching(/^server\/catalog\/story-views\.ts: .*'playCount'/));
  });

  it('refuses a router whose JSON no longer has a field the contract promises', () => {
    const found = diagnosticsWith({ file: 'server/campaigns/worlds-router.ts', from: 'locations: w.locations.length', to: 'locationCount: w.locations.length' });
    expect(found).toContainEqual(expect.stringMatching(/^server\/campaigns\/worlds-router\.ts: .*'locations'/s));
  });

  it('refuses a contract change the client does not follow, on both sides of the wire', () => {
    const found = diagnosticsWith({ file: 'api/catalog.ts', from: '  coverUrl: string | null;', to: '  coverImage: string | null;' });
    expect(found).toContainEqual(expect.stringMatching(/^client\/src\/shell\/story-card\.ts: Property 'coverUrl' does not exist/));
    expect(found).toContainEqual(expect.stringMatching(/^client\/src\/shell\/featured-story\.ts: Property 'coverUrl' does not exist/));
    expect(found).toContainEqual(expect.stringMatching(/^server\/catalog\/story-views\.ts: .*'coverUrl'/));
  });

  it('refuses a contract change the load tool does not follow', () => {
    const found = diagnosticsWith({ file: 'api/accounts.ts', from: '  accessToken: string;', to: '  bearerToken: string;' });
    expect(found).toContainEqual(expect.stringMatching(/^load-tests\/storyverse-api\.ts: .*'accessToken'/));
    expect(found).toContainEqual(expect.stringMatching(/^client\/src\/shell\/api-client\.ts: .*'accessToken'/));
  });
});
