import type { StudioStory } from '../../../api/index';
import { ApiFailure } from '../shell/api-failure';
import { coverArt } from '../shell/cover-art';
import { h } from '../shell/dom';
import { showToast } from '../shell/toast';
import { formField, showFieldIssues } from './form-field';
import { genreChoices } from './genre-choices';
import type { StudioApi } from './studio-api';

const NO_COVER = '';

/** Title, description, genre and the cover (one of the story's uploaded images), saved together. */
export class StoryDetailsForm {
  readonly element: HTMLFormElement;
  private readonly genres = genreChoices();
  private readonly fields = {
    title: formField('Title', h('input', { attrs: { type: 'text', required: true, maxlength: 120, autocomplete: 'off' } })),
    description: formField('Description', h('textarea', { attrs: { rows: 4, maxlength: 2000 } })),
    genre: formField('Genre', h('input', { attrs: { type: 'text', required: true, maxlength: 40, list: this.genres.id, autocomplete: 'off' } })),
    cover: formField('Cover', h('select'), 'Upload an image below to choose it here.'),
  };
  private readonly coverPreview = h('div', { className: 'studio-cover-preview' });
  private readonly problem = h('p', { className: 'form-error', attrs: { role: 'alert' } });
  private readonly submit = h('button', { className: 'btn btn-primary', text: 'Save details', attrs: { type: 'submit' } });
  private story: StudioStory | null = null;

  constructor(
    private readonly api: StudioApi,
    private readonly onSaved: (story: StudioStory) => void,
  ) {
    this.element = h('form', { className: 'studio-form studio-details', attrs: { novalidate: true } }, [
      this.fields.title.wrapper,
      this.fields.description.wrapper,
      this.fields.genre.wrapper,
      this.genres,
      h('div', { className: 'studio-cover-row' }, [this.fields.cover.wrapper, this.coverPreview]),
      this.problem,
      h('div', { className: 'studio-actions' }, [this.submit]),
    ]);
    this.element.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.save();
    });
    this.fields.cover.control.addEventListener('change', () => this.showCover());
  }

  /** The first call fills every field; later ones (after an upload) only refresh the cover choices, keeping unsaved edits. */
  update(story: StudioStory): void {
    const first = this.story === null;
    this.story = story;
    if (first) {
      this.fields.title.control.value = story.title;
      this.fields.description.control.value = story.description;
      this.fields.genre.control.value = story.genre;
    }
    const chosen = first ? (story.cover ?? NO_COVER) : this.fields.cover.control.value;
    const images = story.assets.filter((asset) => asset.contentType.startsWith('image/')).map((asset) => asset.path).sort();
    this.fields.cover.control.replaceChildren(
      h('option', { attrs: { value: NO_COVER }, text: 'No cover' }),
      ...images.map((path) => h('option', { attrs: { value: path }, text: path })),
    );
    this.fields.cover.control.value = images.includes(chosen) ? chosen : NO_COVER;
    this.showCover();
  }

  private showCover(): void {
    const path = this.fields.cover.control.value;
    const url = this.story?.assets.find((asset) => asset.path === path)?.url ?? null;
    this.coverPreview.replaceChildren(coverArt(url, this.fields.title.control.value || '?', 'cover studio-cover'));
  }

  private async save(): Promise<void> {
    if (!this.story || this.submit.disabled) return;
    const title = this.fields.title.control.value.trim();
    const genre = this.fields.genre.control.value.trim();
    this.problem.textContent = '';
    this.fields.title.setProblem(title ? '' : 'A story needs a title.');
    this.fields.genre.setProblem(genre ? '' : 'A story needs a genre.');
    if (!title || !genre) return (title ? this.fields.genre : this.fields.title).control.focus();
    this.submit.disabled = true;
    this.submit.textContent = 'Saving…';
    try {
      const cover = this.fields.cover.control.value;
      const saved = await this.api.updateStory(this.story.id, { title, description: this.fields.description.control.value.trim(), genre, cover: cover === NO_COVER ? null : cover });
      this.story = saved;
      showToast('Story details saved.');
      this.onSaved(saved);
    } catch (error) {
      const failure = error instanceof ApiFailure ? error : ApiFailure.network(error);
      const named = showFieldIssues(failure.fieldIssues(), this.fields);
      this.problem.textContent = named ? 'Please fix the highlighted fields.' : failure.message;
    } finally {
      this.submit.disabled = false;
      this.submit.textContent = 'Save details';
    }
  }
}
