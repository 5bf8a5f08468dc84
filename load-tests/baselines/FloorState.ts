import { ArraySchema, Schema, type } from '@colyseus/schema';
import { FloorLineState } from './FloorLineState';

/** The floor room's state (bench:floor): a step counter and a scene's lines, as a story room has. */
export class FloorState extends Schema {
  @type('uint32') step = 0;
  @type([FloorLineState]) timeline = new ArraySchema<FloorLineState>();
}
