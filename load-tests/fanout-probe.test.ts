import { describe, expect, it } from 'vitest';
import { FanoutProbe } from './fanout-probe';

describe('FanoutProbe', () => {
  it('takes one sample per observer that sees the probe, ignoring other changes and repeats', async () => {
    const probe = new FanoutProbe();
    await probe.probe('count', 'p9', [1, 2], () => {
      probe.seen(1, { kind: 'count', key: 'p1' });
      probe.seen(1, { kind: 'comment', text: 'p9' });
      probe.seen(1, { kind: 'count', key: 'p9' });
      probe.seen(1, { kind: 'count', key: 'p9' });
      probe.seen(3, { kind: 'count', key: 'p9' });
      probe.seen(2, { kind: 'count', key: 'p9' });
    });
    expect(probe.reactionMs.count).toBe(2);
    expect(probe.commentMs.count).toBe(0);
    expect(probe.missed).toEqual({ count: 0, comment: 0 });
  });

  it('counts observers that never see it as missed, by kind, and ignores sightings after it closed', async () => {
    const probe = new FanoutProbe();
    await probe.probe('comment', 'probe-1', [1], () => undefined);
    probe.seen(1, { kind: 'comment', text: 'probe-1' });
    await probe.probe('count', 'p9', [1, 2], () => probe.seen(2, { kind: 'count', key: 'p9' }));
    expect(probe.missed).toEqual({ count: 1, comment: 1 });
    expect(probe.commentMs.count).toBe(0);
    expect(probe.reactionMs.count).toBe(1);
  }, 15_000);

  it('ends the open probe at once when the run ends, without counting the observers that are leaving', async () => {
    const probe = new FanoutProbe();
    await probe.probe('count', 'p9', [1, 2], () => {
      probe.seen(1, { kind: 'count', key: 'p9' });
      probe.cancel();
    });
    expect(probe.reactionMs.count).toBe(1);
    expect(probe.missed).toEqual({ count: 0, comment: 0 });
    probe.cancel();
  });
});
