import { Decoder, Encoder } from '@colyseus/schema';
import { afterEach, describe, expect, it } from 'vitest';
import { SeededRandom } from '../../load-tests/seeded-random';
import { ChoiceOptionState } from '../story/ChoiceOptionState';
import { StoryState } from '../story/StoryState';
import { TimelineLineState } from '../story/TimelineLineState';
import { installPrototypeSchemaFields, uninstallPrototypeSchemaFields } from './prototype-schema-fields';

afterEach(() => uninstallPrototypeSchemaFields());

const pick = <T>(random: SeededRandom, values: readonly T[]): T => values[Math.floor(random.next() * values.length)]!;

/** One random change of the kinds a story room makes: fields, list items grown, rewritten and dropped, map entries. */
function change(state: StoryState, random: SeededRandom): void {
  const words = ['', 'dock', 'fork', 'Mara', 'a line with ünïcode ✓', 'x'.repeat(40)];
  switch (Math.floor(random.next() * 7)) {
    case 0:
      state.sceneId = pick(random, words);
      state.step += 1;
      break;
    case 1:
      state.timeline.push(new TimelineLineState().assign({ kind: 'say', character: pick(random, words), text: pick(random, words), mood: '', position: 'left' }));
      break;
    case 2:
      if (state.timeline.length > 0) state.timeline.at(Math.floor(random.next() * state.timeline.length))!.text = pick(random, words);
      break;
    case 3:
      state.timeline.pop();
      break;
    case 4:
      state.choices.push(new ChoiceOptionState().assign({ id: pick(random, words), text: pick(random, words), cost: Math.floor(random.next() * 20), locked: random.next() < 0.5, lockReason: '' }));
      break;
    case 5:
      if (random.next() < 0.5) state.choices.clear();
      else state.flags.set(pick(random, ['met', 'lamp', 'key']), random.next() < 0.5);
      break;
    default:
      state.relationships.set(pick(random, ['Mara', 'Tom']), Math.floor(random.next() * 10) - 5);
      state.keys = Math.floor(random.next() * 5);
  }
}

/** A state built and changed by a seeded script: the bytes of its first whole state, each patch, and its last whole state. */
function scriptedBytes(seed: number): { frames: number[][]; state: StoryState } {
  const random = new SeededRandom(seed);
  const state = new StoryState();
  state.storyId = 'tide-test';
  const encoder = new Encoder(state);
  const frames = [Array.from(encoder.encodeAll())];
  encoder.discardChanges();
  for (let patch = 0; patch < 150; patch++) {
    for (let i = 0; i < 1 + Math.floor(random.next() * 4); i++) change(state, random);
    frames.push(Array.from(encoder.encode()));
    encoder.discardChanges();
  }
  frames.push(Array.from(encoder.encodeAll()));
  return { frames, state };
}

describe('prototype schema fields', () => {
  it("sends the same bytes as the library's own instance accessors: whole states and every patch", () => {
    for (const seed of [1, 2, 3]) {
      const library = scriptedBytes(seed).frames;
      installPrototypeSchemaFields();
      const prototype = scriptedBytes(seed);
      uninstallPrototypeSchemaFields();
      expect(prototype.frames).toEqual(library);
      // And what they send decodes to the state the server holds.
      const decoded = new StoryState();
      new Decoder(decoded).decode(Buffer.from(prototype.frames.at(-1)!));
      expect(decoded.toJSON()).toEqual(prototype.state.toJSON());
    }
  });

  it('defines the accessors once, on the class, and each instance keeps its own values', () => {
    installPrototypeSchemaFields();
    const [one, two] = [new TimelineLineState(), new TimelineLineState()];
    expect(Object.getOwnPropertyDescriptor(one, 'text')).toBeUndefined();
    expect(Object.getOwnPropertyDescriptor(TimelineLineState.prototype, 'text')?.set).toBeTypeOf('function');
    one.text = 'first';
    two.text = 'second';
    expect([one.text, two.text, new TimelineLineState().text]).toEqual(['first', 'second', '']);
    // An instance holds only its values, each in the field's `_name` property, as the accessors keep them.
    expect(Object.keys(one).sort()).toEqual(['_character', '_kind', '_mood', '_position', '_text']);
  });

  it("is undone by uninstall: new instances get the library's own accessors again", () => {
    installPrototypeSchemaFields();
    installPrototypeSchemaFields();
    uninstallPrototypeSchemaFields();
    expect(Object.getOwnPropertyDescriptor(new TimelineLineState(), 'text')?.set).toBeTypeOf('function');
  });
});
