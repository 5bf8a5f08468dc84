import { ArraySchema, Decoder, Encoder, Schema, type } from '@colyseus/schema';
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
  return { server, patch, seen };
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
});
