import type { ChoiceOption } from './player-contract';

/**
 * What a choice button is called: its text, plus the price of a premium option when the text does
 * not already say it, so "Open the tape (15)" is not read out as "15 … costs 15 diamonds".
 */
export function choiceAccessibleName(option: Pick<ChoiceOption, 'text' | 'cost'>): string {
  if (option.cost <= 0 || new RegExp(`(^|\\D)${option.cost}(\\D|$)`).test(option.text)) return option.text;
  return `${option.text} — costs ${option.cost} diamond${option.cost === 1 ? '' : 's'}`;
}
