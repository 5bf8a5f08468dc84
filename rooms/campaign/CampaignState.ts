import { ArraySchema, MapSchema, Schema, type, view } from '@colyseus/schema';

/** One seat at the table, by session id: who is here, typing, ready; and whether they host. */
export class CampaignPlayerState extends Schema {
  @type('string') name = '';
  @type('boolean') connected = true;
  @type('boolean') host = false;
  @type('boolean') typing = false;
  @type('boolean') ready = false;
  /** The choice id this player voted for in the open vote ('' when none): the client marks its own. */
  @type('string') vote = '';
  /** The world character they play ('' for a character of their own). */
  @type('string') character = '';
}

/**
 * A character sheet. Name, stats and inventory are public to the party; `goal` is private —
 * tagged @view(), so only the owner's StateView (which holds this sheet) receives it.
 */
export class CharacterSheetState extends Schema {
  @type('string') name = '';
  @type({ map: 'int8' }) stats = new MapSchema<number>();
  @type(['string']) inventory = new ArraySchema<string>();
  @view() @type('string') goal = '';
}

export class SceneState extends Schema {
  @type('string') location = '';
  @type('string') locationName = '';
  /** The location's picture (a URL), '' when the world has none: the client draws its own. */
  @type('string') art = '';
  @type('string') description = '';
  /** Character names present in the scene. */
  @type(['string']) present = new ArraySchema<string>();
  /** Titles of the active quests. */
  @type(['string']) quests = new ArraySchema<string>();
}

export class CampaignChoiceState extends Schema {
  @type('string') id = '';
  @type('string') text = '';
  @type('uint8') votes = 0;
}

export class DialogueLineState extends Schema {
  @type('string') character = '';
  @type('string') text = '';
}

export class BeatState extends Schema {
  @type('uint32') beat = 0;
  @type('string') prompt = '';
  @type('string') narrative = '';
}

export class CampaignState extends Schema {
  /** The invite code, which is also the room id. */
  @type('string') code = '';
  @type('string') worldId = '';
  @type('string') worldTitle = '';
  /** turns | vote */
  @type('string') mode = '';
  /** lobby | acting | voting | narrating | ended */
  @type('string') phase = 'lobby';
  @type('uint32') beat = 0;
  @type('uint8') seats = 0;
  @type({ map: CampaignPlayerState }) players = new MapSchema<CampaignPlayerState>();
  /** Session id whose turn it is (turns mode, acting). */
  @type('string') turn = '';
  /** When the current turn or vote ends (epoch ms), 0 when no timer runs. */
  @type('float64') deadline = 0;
  @type([CampaignChoiceState]) choices = new ArraySchema<CampaignChoiceState>();
  @type(SceneState) scene = new SceneState();
  /** The last completed beat, for late joiners. */
  @type('string') narrative = '';
  @type([DialogueLineState]) dialogue = new ArraySchema<DialogueLineState>();
  @type([BeatState]) recent = new ArraySchema<BeatState>();
  /** Character sheets by session id. */
  @type({ map: CharacterSheetState }) sheets = new MapSchema<CharacterSheetState>();
}
