// The story player's public face: the shell imports only this and the contract's types.
export { createStoryPlayer } from './create-story-player';
export type * from './player-contract';
