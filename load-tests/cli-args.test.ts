import { describe, expect, it } from 'vitest';
import { parseCliArgs, UsageError } from './cli-args';

describe('parseCliArgs', () => {
  it('gives story its defaults', () => {
    expect(parseCliArgs(['story'])).toEqual({
      kind: 'story',
      json: false,
      baselines: { echo: false, pgbenchUrl: null },
      options: { clients: 50, thinkMs: 3000, durationS: 60, rampS: 10, seed: '1', prepareConcurrency: 32, target: 'http://127.0.0.1:2567' },
    });
  });

  it('reads every story option, in both spellings', () => {
    const parsed = parseCliArgs(['story', '--clients', '300', '--think-ms=1000', '--duration', '20', '--seed', 'abc', '--prepare', '64', '--target', 'http://127.0.0.1:25400/', '--json']);
    expect(parsed).toEqual({
      kind: 'story',
      json: true,
      baselines: { echo: false, pgbenchUrl: null },
      // ramp defaults to a quarter of a short run
      options: { clients: 300, thinkMs: 1000, durationS: 20, rampS: 5, seed: 'abc', prepareConcurrency: 64, target: 'http://127.0.0.1:25400' },
    });
    expect(parseCliArgs(['story', '--ramp-s', '0', '--duration', '600'])).toMatchObject({ options: { rampS: 0, durationS: 600 } });
    expect(parseCliArgs(['story', '--duration', '600'])).toMatchObject({ options: { rampS: 10 } });
  });

  it('reads replay paths and options, leaving unset ones to the run', () => {
    expect(parseCliArgs(['replay', 'recordings/', 'one.jsonl', '--clients', '20', '--speed', '2.5', '--count', '40'])).toEqual({
      kind: 'replay',
      json: false,
      baselines: { echo: false, pgbenchUrl: null },
      options: { paths: ['recordings/', 'one.jsonl'], clients: 20, speed: 2.5, rampS: undefined, durationS: undefined, count: 40, target: 'http://127.0.0.1:2567' },
    });
  });

  it('asks for the baselines after a run', () => {
    expect(parseCliArgs(['story', '--echo-baseline', '--pgbench', 'postgres://postgres@127.0.0.1/bench'])).toMatchObject({
      baselines: { echo: true, pgbenchUrl: 'postgres://postgres@127.0.0.1/bench' },
    });
    expect(parseCliArgs(['replay', 'x.jsonl', '--echo-baseline'])).toMatchObject({ baselines: { echo: true, pgbenchUrl: null } });
  });

  it.each([
    [['story', '--echo-baseline=yes'], '--echo-baseline takes no value'],
    [['story', '--pgbench', 'mysql://x'], '--pgbench must be a postgres:// URL'],
    [['story', '--clients', '10', '--bogus', '1'], 'unknown option --bogus'],
    [['story', '--speed', '2'], 'unknown option --speed'],
    [['replay', 'x.jsonl', '--think-ms', '5'], 'unknown option --think-ms'],
    [['story', '-c', '5'], 'unknown option -c'],
    [['story', '--clients'], '--clients needs a value'],
    [['story', '--clients', '--json'], '--clients needs a value'],
    [['story', '--prepare', '0'], '--prepare must be a whole number'],
    [['story', '--clients', 'many'], '--clients must be a whole number'],
    [['story', '--clients', '2.5'], '--clients must be a whole number'],
    [['story', '--clients', '0'], '--clients must be a whole number'],
    [['story', '--duration', '0'], '--duration must be a number above 0'],
    [['story', '--think-ms', '-1'], '--think-ms must be a number, 0 or more'],
    [['story', '--clients', '1', '--clients', '2'], '--clients is given twice'],
    [['story', '--json=yes'], '--json takes no value'],
    [['story', 'extra'], 'story takes no arguments'],
    [['story', '--target', 'ws://x'], '--target must be an http(s) URL'],
    [['story', '--target', 'nowhere'], '--target must be an http(s) URL'],
    [['replay'], 'replay needs recording files'],
    [['replay', 'x.jsonl', '--speed', '0'], '--speed must be a number above 0'],
    [['stress'], 'unknown command "stress"'],
    [['reading', '--readers', '0'], '--readers must be a whole number'],
    [['reading', '--duration', '30', '--ramp-s', '30'], '--ramp-s must be shorter than --duration'],
    [['reading', '--clients', '5'], 'unknown option --clients'],
    [['reading', '--echo-baseline'], 'unknown option --echo-baseline'],
  ])('refuses %j', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(UsageError);
    expect(() => parseCliArgs(argv)).toThrow(message);
  });

  it('reads the reading scenario with the release-day defaults: a reaction every 20 s, a comment every 120 s', () => {
    expect(parseCliArgs(['reading', '--readers', '10000', '--ramp-s', '60', '--duration', '180', '--story', 'dead-air', '--json'])).toEqual({
      kind: 'reading',
      json: true,
      options: { readers: 10000, rampS: 60, durationS: 180, reactEveryS: 20, commentEveryS: 120, paragraphS: 8, observers: 8, storyId: 'dead-air', chapterId: null, prepareConcurrency: 32, seed: '1', target: 'http://127.0.0.1:2567' },
    });
  });

  it("reads where each of a cluster's processes serves its metrics, for every scenario", () => {
    const metrics = ['--metrics', 'http://127.0.0.1:8101, http://127.0.0.1:8102/'];
    for (const command of [['story'], ['reading'], ['replay', 'recordings/']]) {
      const parsed = parseCliArgs([...command, '--target', 'http://127.0.0.1:8090', ...metrics]) as { options: { metrics?: string[] } };
      expect(parsed.options.metrics).toEqual(['http://127.0.0.1:8101', 'http://127.0.0.1:8102']);
    }
    expect(() => parseCliArgs(['reading', '--metrics', 'http://127.0.0.1:8101,8102'])).toThrow(new UsageError('--metrics must be an http(s) URL (got "8102")'));
  });

  it('asks for help with no command', () => {
    expect(parseCliArgs([])).toEqual({ kind: 'help' });
    expect(parseCliArgs(['--help'])).toEqual({ kind: 'help' });
  });
});
