import { Schema, type } from '@colyseus/schema';

/** An option the server offers; `locked` ones are shown but refused (OPTION_LOCKED). */
export class ChoiceOptionState extends Schema {
  @type('string') id = '';
  @type('string') text = '';
  /** Diamonds; above zero makes it a premium option. */
  @type('uint16') cost = 0;
  @type('boolean') locked = false;
  @type('string') lockReason = '';
}
