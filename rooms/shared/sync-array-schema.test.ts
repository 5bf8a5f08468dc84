import { ArraySchema, Decoder, Encoder, Schema, StateView, type, view } from '@colyseus/schema';
import { describe, expect, it } from 'vitest';
import { syncArraySchema } from './sync-array-schema';

class Line extends Schema {
  @type('string') text = '';
  @type('uint8') mood = 0;
}

class Board extends Schema {
  @type([Line]) lines = new ArraySchema<Line>();
}

type Value = { text: string; mood: number };
const sync = (board: Board, values: Value[]) => syncArraySchema(board.lines, values, () => new Line(), (line, value) => line.assign(value));

/** A server state and a client's copy of it, patched the way a room patches its clients. */
function connected() {
  const server = new Board();
  const encoder = new Encoder(server);
  const client = new Board();
  const decoder = new Decoder(client);
  decoder.decode(encoder.encodeAll());
  const patch = () => {
    const bytes = encoder.encode();
    encoder.discardChanges();
    decoder.decode(bytes);
    return bytes.length;
  };
  const seen = () => client.lines.map((line) => ({ text: line.text, mood: line.mood }));
  /** What a client joining now is shown: the full state, as a room sends it to a new client. */
  const joining = () => {
    const late = new Board();
    new Decoder(late).decode(encoder.encodeAll());
    return late.lines.map((line) => ({ text: line.text, mood: line.mood }));
  };
  return { server, patch, seen, joining };
}

describe('syncArraySchema', () => {
  it('shows the client each list as it grows, changes and shrinks', () => {
    const { server, patch, seen } = connected();
    const lists: Value[][] = [
      [{ text: 'a', mood: 1 }, { text: 'b', mood: 2 }],
      [{ text: 'a', mood: 1 }, { text: 'c', mood: 3 }, { text: 'd', mood: 4 }],
      [{ text: 'e', mood: 5 }],
      [],
      [{ text: 'f', mood: 6 }, { text: 'g', mood: 7 }],
    ];
    for (const list of lists) {
      sync(server, list);
      patch();
      expect(seen()).toEqual(list);
    }
  });

  it('keeps the items it can reuse, so an unchanged list costs no patch bytes for its items', () => {
    const { server, patch } = connected();
    sync(server, [{ text: 'a', mood: 1 }, { text: 'b', mood: 2 }]);
    patch();
    const first = server.lines.at(0);
    sync(server, [{ text: 'a', mood: 1 }, { text: 'b', mood: 2 }]);
    expect(server.lines.at(0)).toBe(first);
    expect(patch()).toBe(0);
  });

  it('keeps a client and a late joiner in step through any sequence of growing and shrinking lists', () => {
    const { server, patch, seen, joining } = connected();
    let seed = 7;
    const random = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
    for (let round = 0; round < 300; round++) {
      const list = Array.from({ length: random(9) }, () => ({ text: `t${random(4)}`, mood: random(3) }));
      sync(server, list);
      // Some rounds patch twice lists that changed twice in between: removals and re-adds in one patch.
      if (random(3) === 0) sync(server, list.slice(0, random(list.length + 1)).concat(list.slice(random(list.length + 1))));
      const expected = server.lines.map((line) => ({ text: line.text, mood: line.mood }));
      patch();
      expect(seen()).toEqual(expected);
      expect(joining()).toEqual(expected);
    }
  });

  it('works under a state with per-client views: each client sees the shared lists, only its owner the private field', () => {
    class Sheet extends Schema {
      @view() @type('string') secret = '';
    }
    class Table extends Schema {
      @type([Line]) lines = new ArraySchema<Line>();
      @type(Sheet) sheet = new Sheet();
    }
    const server = new Table();
    const encoder = new Encoder(server);
    const owner = new StateView();
    owner.add(server.sheet);
    const other = new StateView();
    // Joined as a room joins a client under views: the full state once, then each client's view of it.
    const full = { offset: 0 };
    encoder.encodeAll(full);
    const clients = [owner, other].map((clientView) => {
      const state = new Table();
      const decoder = new Decoder(state);
      decoder.decode(encoder.encodeAllView(clientView, full.offset, { ...full }));
      return { view: clientView, state, decoder };
    });
    let seed = 3;
    const random = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
    for (let round = 0; round < 100; round++) {
      const list = Array.from({ length: random(7) }, () => ({ text: `t${random(5)}`, mood: random(3) }));
      syncArraySchema(server.lines, list, () => new Line(), (line, value) => line.assign(value));
      server.sheet.secret = `s${round}`;
      // Patched as a room patches clients under views: the shared changes once, then each view's.
      const it = { offset: 0 };
      encoder.encode(it);
      const sharedOffset = it.offset;
      for (const client of clients) client.decoder.decode(encoder.encodeView(client.view, sharedOffset, it));
      encoder.discardChanges();
      for (const client of clients) expect(client.state.lines.map((line) => ({ text: line.text, mood: line.mood }))).toEqual(list);
      expect(clients[0]!.state.sheet.secret).toBe(`s${round}`);
      expect(clients[1]!.state.sheet?.secret ?? '').toBe('');
    }
  });
});
