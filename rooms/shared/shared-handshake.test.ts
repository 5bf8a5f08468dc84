import { SchemaSerializer } from '@colyseus/core';
import { Reflection } from '@colyseus/schema';
import { describe, expect, it } from 'vitest';
import { StoryState } from '../story/StoryState';
import { ReadingState } from '../reading/ReadingState';
import { shareHandshake } from './shared-handshake';

/** A room as Colyseus holds it after `this.state = …`: a schema serializer reset to the state. */
function roomWith(state: object) {
  const serializer = new SchemaSerializer();
  serializer.reset(state as never);
  return { _serializer: serializer };
}

describe('shareHandshake', () => {
  it('gives every room of a state class the same handshake, equal to the one Colyseus would build', () => {
    const first = roomWith(new StoryState());
    const second = roomWith(new StoryState());
    shareHandshake(first);
    shareHandshake(second);
    const handshake = second._serializer.handshake();
    expect(handshake).toBe(first._serializer.handshake());
    expect(Buffer.from(handshake)).toEqual(Buffer.from(Reflection.encode(roomWith(new StoryState())._serializer['encoder'])));
  });

  it('keeps the handshakes of different state classes apart', () => {
    const story = roomWith(new StoryState());
    const reading = roomWith(new ReadingState());
    shareHandshake(story);
    shareHandshake(reading);
    expect(Buffer.from(reading._serializer.handshake())).not.toEqual(Buffer.from(story._serializer.handshake()));
    expect(Buffer.from(reading._serializer.handshake())).toEqual(Buffer.from(Reflection.encode(roomWith(new ReadingState())._serializer['encoder'])));
  });

  it('leaves a room without a schema serializer alone', () => {
    expect(() => shareHandshake({})).not.toThrow();
  });
});
