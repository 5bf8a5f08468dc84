import { Schema, type } from '@colyseus/schema';

/** A reader in this room: their name, and the paragraph they are at once they share it. */
export class ReaderState extends Schema {
  @type('string') userId = '';
  @type('string') displayName = '';
  /** Empty until the reader sends a position. */
  @type('string') paragraphId = '';
}
