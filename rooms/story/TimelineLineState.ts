import { Schema, type } from '@colyseus/schema';

/** One step of the current scene's timeline: dialogue, narration, or a character entering/leaving. */
export class TimelineLineState extends Schema {
  @type('string') kind = '';
  @type('string') character = '';
  @type('string') text = '';
  @type('string') mood = '';
  @type('string') position = '';
}
