import { describe, expect, it } from 'vitest';
import { CampaignNarration } from './campaign-narration';
import type { BeatRequest, GameMaster, NarratedBeat } from './game-master/game-master';
import type { StoryChunkMessage } from './protocol';

const request = { beat: 3 } as BeatRequest;
const beat: NarratedBeat = { output: { narrative: 'The lamps dim.', dialogue: [], choices: [], state_changes: [] }, provider: 'test', usage: null };

function outlet() {
  const seen = { chunks: [] as StoryChunkMessage[], told: [] as NarratedBeat[], failed: [] as unknown[] };
  return { seen, outlet: { chunk: (m: StoryChunkMessage) => void seen.chunks.push(m), told: async (n: NarratedBeat) => void seen.told.push(n), failed: (e: unknown) => void seen.failed.push(e) } };
}
const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

describe('CampaignNarration', () => {
  it('streams chunks for the beat, marks the first after a restart, and hands over the told beat as it is', async () => {
    const gameMaster: GameMaster = {
      name: 'test',
      async narrate(_request, sink) {
        sink.chunk('The lamps');
        sink.restart();
        sink.chunk('The lamps dim.');
        return beat;
      },
    };
    const { seen, outlet: out } = outlet();
    const narration = new CampaignNarration(gameMaster);
    narration.begin(request, out);
    expect(narration.running).toBe(true);
    await settle();
    expect(seen.chunks).toEqual([{ beat: 3, text: 'The lamps' }, { beat: 3, text: 'The lamps dim.', restart: true }]);
    expect(seen.told).toEqual([beat]);
    expect(narration.running).toBe(false);
  });

  it('reports a failed chain, but not a beat cancelled by the room, even from a game master that ignores the signal', async () => {
    const failing = new CampaignNarration({ name: 'down', narrate: async () => Promise.reject(new Error('down')) });
    const first = outlet();
    failing.begin(request, first.outlet);
    await settle();
    expect(first.seen.failed).toHaveLength(1);

    const deaf = new CampaignNarration({ name: 'deaf', narrate: () => new Promise(() => undefined) });
    const second = outlet();
    deaf.begin(request, second.outlet);
    deaf.abort();
    await settle();
    expect(deaf.running).toBe(false);
    expect([second.seen.told, second.seen.failed]).toEqual([[], []]);
  });
});
