import { Schema, type } from '@colyseus/schema';

/** A line of the floor room's scene (bench:floor): who speaks, and what. */
export class FloorLineState extends Schema {
  @type('string') character = '';
  @type('string') text = '';
}
