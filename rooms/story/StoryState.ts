import { ArraySchema, MapSchema, Schema, type } from '@colyseus/schema';
import { ChoiceOptionState } from './ChoiceOptionState';
import { TimelineLineState } from './TimelineLineState';

/** What one player's story session shows; the server alone writes it. */
export class StoryState extends Schema {
  @type('string') storyId = '';
  @type('string') chapterId = '';
  @type('uint16') chapterNumber = 0;
  @type('string') chapterTitle = '';
  /** Content-hashed bundle URL: character names, colours and sprites for the client. */
  @type('string') bundleUrl = '';
  @type('string') sceneId = '';
  /** The progress step counter: which visit of the scene this is (the client keeps the line within it). */
  @type('uint32') step = 0;
  /** playing | choice | ended — or locked when the chapter could not be opened (no keys, not reached yet). */
  @type('string') status = '';
  @type('string') background = '';
  @type('string') music = '';
  @type([TimelineLineState]) timeline = new ArraySchema<TimelineLineState>();
  @type('string') prompt = '';
  @type([ChoiceOptionState]) choices = new ArraySchema<ChoiceOptionState>();
  @type({ map: 'boolean' }) flags = new MapSchema<boolean>();
  @type({ map: 'int32' }) relationships = new MapSchema<number>();
  @type('string') endingTitle = '';
  @type('string') endingText = '';
  /** Set when the chapter has ended and the story goes on. */
  @type('string') nextChapterId = '';
  @type('uint16') keys = 0;
  @type('uint16') keysCap = 0;
  @type('string') nextKeyAt = '';
  @type('uint32') diamonds = 0;
  /**
   * A writer's preview of their own chapter: nothing is saved, no key is spent, and premium choices
   * (shown with their cost) are taken for free — keys and diamonds stay as they are.
   */
  @type('boolean') preview = false;
  /** The name `{name}` stands for in this story (the player's, else the protagonist's default); empty without a protagonist. */
  @type('string') playerName = '';
  /** The scene asks the player to name their character (send `name`). */
  @type('boolean') asksName = false;
  /** The scene offers the wardrobe: the bundle's `outfits` (send `wear`). */
  @type('boolean') wardrobe = false;
  /** The outfit worn (an id of the bundle's `outfits`); empty: the default look. */
  @type('string') outfit = '';
  /** Premium outfits this player owns in this story: wearing them costs nothing. */
  @type(['string']) ownedOutfits = new ArraySchema<string>();
}
