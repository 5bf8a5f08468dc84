import type { AnyChapterBundle } from '../../../content-pipeline';
import type { StoryState } from '../../../rooms/story/StoryState';
import { loadChapterBundle } from './bundle-cache';
import { button, h } from './dom';

interface OutfitView {
  id: string;
  name: string;
  cost?: number;
  sprite?: string;
}

export interface LookPanelActions {
  name(name: string): void;
  wear(outfitId: string): void;
  /** An asset path of the story as a URL the page may load. */
  assetUrl(path: string): string;
}

/**
 * Who the player is, where the scene asks: a name box (a scene with `nameEntry`) and the wardrobe
 * (a scene with `wardrobe`). It sits over the stage without blocking it — naming is optional, the
 * protagonist's default name stands until then — and everything in it is a real, labelled control.
 */
export class LookPanel {
  readonly element = h('section', { className: 'look-panel', attrs: { 'aria-label': 'Your character', hidden: true } });
  private readonly nameInput = h('input', { attrs: { id: 'look-name', name: 'name', maxlength: 24, autocomplete: 'off' } });
  private readonly nameForm = h('form', { className: 'look-name' }, [
    h('label', { attrs: { for: 'look-name' }, text: 'Your name' }),
    h('div', { className: 'look-row' }, [this.nameInput, h('button', { className: 'btn btn-small', attrs: { type: 'submit' }, text: 'Save name' })]),
  ]);
  private readonly outfits = h('div', { className: 'look-outfits', attrs: { role: 'group', 'aria-label': 'Wardrobe' } });
  private readonly status = h('p', { className: 'look-status', attrs: { role: 'status' } });
  private bundleUrl = '';
  private outfitList: OutfitView[] = [];
  private confirming: string | null = null;
  private lastState: StoryState | null = null;
  private lastName: string | null = null;
  /** A premium outfit asked for and not yet shown as owned. */
  private buying: OutfitView | null = null;
  private editedName = false;
  /** The scene whose panel the player put away with Done (`chapterId/sceneId`): it stays away until the scene changes. */
  private doneWith = '';
  private readonly done = button('Done', () => this.putAway(), 'btn btn-small btn-outline look-done');

  constructor(private readonly actions: LookPanelActions) {
    this.nameForm.addEventListener('submit', (event) => {
      event.preventDefault();
      const name = this.nameInput.value.trim();
      if (!name) return void (this.status.textContent = 'Type a name first.');
      this.actions.name(name);
      this.editedName = false;
      // Named: Space and Enter go back to reading, not into the box.
      this.nameInput.blur();
    });
    this.nameInput.addEventListener('input', () => (this.editedName = true));
    this.element.append(this.nameForm, h('h2', { className: 'look-heading', text: 'Wardrobe' }), this.outfits, this.status, this.done);
  }

  update(state: StoryState): void {
    // The room's state object is updated in place: compare with the name seen last time, not the object.
    const named = this.lastName !== null && this.lastName !== state.playerName;
    this.lastName = state.playerName;
    this.lastState = state;
    this.nameForm.hidden = !state.asksName;
    if (state.asksName && !this.editedName && document.activeElement !== this.nameInput) this.nameInput.value = state.playerName;
    if (named) this.status.textContent = `You are ${state.playerName}.`;
    if (this.buying && state.ownedOutfits.includes(this.buying.id)) {
      this.status.textContent = `${this.buying.name} is yours: wearing it again is free.`;
      this.buying = null;
    }
    const wardrobe = state.wardrobe;
    (this.outfits.previousElementSibling as HTMLElement).hidden = !wardrobe;
    this.outfits.hidden = !wardrobe;
    this.element.hidden = (!state.asksName && !wardrobe) || this.doneWith === sceneKey(state);
    if (wardrobe && state.bundleUrl !== this.bundleUrl) void this.loadOutfits(state.bundleUrl);
    else if (wardrobe) this.renderOutfits();
  }

  /** Done: the panel goes until the next scene that asks (reading goes on either way). */
  private putAway(): void {
    if (this.lastState) this.doneWith = sceneKey(this.lastState);
    this.element.hidden = true;
  }

  /** A refusal of the room about a name or an outfit, in words. */
  refused(code: string, message: string): boolean {
    if (code === 'INVALID_NAME') this.status.textContent = 'Names are 1–24 letters, spaces, apostrophes and hyphens.';
    else if (code === 'UNKNOWN_OUTFIT' || code === 'WARDROBE_CLOSED' || code === 'NAME_NOT_ASKED') this.status.textContent = message;
    else return false;
    return true;
  }

  private async loadOutfits(bundleUrl: string): Promise<void> {
    this.bundleUrl = bundleUrl;
    try {
      const bundle = (await loadChapterBundle(bundleUrl)) as AnyChapterBundle & { outfits?: OutfitView[] };
      if (this.bundleUrl !== bundleUrl) return;
      this.outfitList = bundle.outfits ?? [];
    } catch {
      this.outfitList = [];
      this.status.textContent = 'The wardrobe could not be loaded.';
    }
    this.renderOutfits();
  }

  private renderOutfits(): void {
    const state = this.lastState;
    if (!state) return;
    const owned = new Set(state.ownedOutfits);
    this.outfits.replaceChildren(
      ...this.outfitList.map((outfit) => {
        const wearing = state.outfit === outfit.id;
        const cost = outfit.cost ?? 0;
        const price = cost === 0 ? 'Free' : owned.has(outfit.id) ? 'Owned' : `${cost} 💎`;
        const asking = this.confirming === outfit.id;
        const label = asking ? `Buy ${outfit.name} for ${cost} diamonds` : wearing ? `${outfit.name}, wearing` : `${outfit.name}, ${price === `${cost} 💎` ? `${cost} diamonds` : price.toLowerCase()}`;
        const card = button(
          [
            outfit.sprite ? h('img', { className: 'look-sprite', attrs: { src: this.actions.assetUrl(outfit.sprite), alt: '' } }) : null,
            h('span', { className: 'look-outfit-name', text: outfit.name }),
            h('span', { className: 'look-outfit-price', text: asking ? `Buy for ${cost} 💎?` : wearing ? 'Wearing' : price }),
          ],
          () => this.choose(outfit, owned),
          `look-outfit${wearing ? ' is-worn' : ''}${asking ? ' is-asking' : ''}`,
          { 'aria-pressed': String(wearing), 'aria-label': label },
        );
        return card;
      }),
    );
  }

  /** A premium outfit not yet owned asks once more on its own button; anything else is worn at once. */
  private choose(outfit: OutfitView, owned: Set<string>): void {
    const premium = (outfit.cost ?? 0) > 0 && !owned.has(outfit.id);
    if (premium && this.confirming !== outfit.id) {
      this.confirming = outfit.id;
      this.renderOutfits();
      (this.outfits.querySelector('.is-asking') as HTMLElement | null)?.focus();
      return;
    }
    this.confirming = null;
    this.actions.wear(outfit.id);
    this.buying = premium ? outfit : null;
    this.status.textContent = premium ? `Buying ${outfit.name}…` : `Wearing ${outfit.name}.`;
    this.renderOutfits();
  }
}

const sceneKey = (state: StoryState): string => `${state.chapterId}/${state.sceneId}`;
