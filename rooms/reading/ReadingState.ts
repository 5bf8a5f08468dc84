import { MapSchema, Schema, type } from '@colyseus/schema';
import { ParagraphReactionsState } from './ParagraphReactionsState';
import { ReaderState } from './ReaderState';

/** A reading room: the chapter, who reads it, and its reactions; the server alone writes it. */
export class ReadingState extends Schema {
  @type('string') storyId = '';
  @type('string') chapterId = '';
  /** Readers of the chapter in every room and process. */
  @type('uint32') readers = 0;
  /** This room's readers, by session id. */
  @type({ map: ReaderState }) present = new MapSchema<ReaderState>();
  /** The whole chapter's reaction counts, by paragraph id (only paragraphs someone reacted to). */
  @type({ map: ParagraphReactionsState }) reactions = new MapSchema<ParagraphReactionsState>();
}
