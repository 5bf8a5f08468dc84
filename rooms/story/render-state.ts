import type { ArraySchema } from '@colyseus/schema';
import { syncArraySchema } from '../shared/sync-array-schema';
import { asksForName, offeredOutfits, playerNameOf, rulesFor, withPlayerName } from './engine';
import { ChoiceOptionState } from './ChoiceOptionState';
import type { StoryState } from './StoryState';
import type { OpenedSession, WalletSnapshot } from './story-sessions';
import { TimelineLineState } from './TimelineLineState';

/** Copies the session's current scene, standing and wallet into the synced state. */
export function renderSession(state: StoryState, session: OpenedSession): void {
  const { chapter, progress } = session;
  const view = rulesFor(chapter).view(progress);
  const name = playerNameOf(chapter, progress);
  const named = (text: string) => withPlayerName(text, name);
  state.storyId = chapter.storyId;
  state.chapterId = chapter.id;
  state.chapterNumber = chapter.number;
  state.chapterTitle = chapter.title;
  state.bundleUrl = session.bundleUrl;
  state.sceneId = view.sceneId;
  state.step = progress.step;
  state.status = view.status;
  state.background = view.background;
  state.music = view.music;
  state.prompt = named(view.prompt);
  syncArraySchema(state.timeline, view.timeline, () => new TimelineLineState(), (line, step) =>
    line.assign({ kind: step.type, character: step.character ?? '', text: named(step.text ?? ''), mood: step.mood ?? '', position: step.position ?? '' }),
  );
  syncArraySchema(state.choices, view.choices, () => new ChoiceOptionState(), (option, choice) => option.assign({ ...choice, text: named(choice.text) }));
  state.playerName = name ?? '';
  state.asksName = asksForName(chapter, progress);
  state.wardrobe = offeredOutfits(chapter, progress).length > 0;
  state.outfit = progress.outfit ?? '';
  syncStrings(state.ownedOutfits, progress.ownedOutfits ?? []);
  syncMap(state.flags, progress.flags);
  syncMap(state.relationships, progress.relationships);
  state.endingTitle = view.ending?.title ?? '';
  state.endingText = view.ending?.text ?? '';
  state.nextChapterId = view.status === 'ended' ? (session.nextChapterId ?? '') : '';
  renderWallet(state, session.wallet);
}

function renderWallet(state: StoryState, wallet: WalletSnapshot): void {
  state.keys = wallet.keys;
  state.keysCap = wallet.keysCap;
  state.nextKeyAt = wallet.nextKeyAt ?? '';
  state.diamonds = wallet.diamonds;
}

function syncMap<T>(target: { keys(): IterableIterator<string>; set(key: string, value: T): unknown; delete(key: string): unknown; get(key: string): T | undefined }, source: Record<string, T>): void {
  for (const key of [...target.keys()]) if (!(key in source)) target.delete(key);
  for (const [key, value] of Object.entries(source)) if (target.get(key) !== value) target.set(key, value);
}

/** Owned outfits only ever grow, and rarely: rewrite the list only when it differs. */
function syncStrings(target: ArraySchema<string>, values: readonly string[]): void {
  if (target.length === values.length && values.every((value, index) => target.at(index) === value)) return;
  target.clear();
  target.push(...values);
}
