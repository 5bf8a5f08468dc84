import type { StudioStory } from '../../../api/index';
import { ApiFailure } from '../shell/api-failure';
import { h } from '../shell/dom';
import { formField, showFieldIssues } from './form-field';
import { genreChoices } from './genre-choices';
import type { StudioApi } from './studio-api';

/** "New story": title, description, genre and an optional id (a slug of the title when left empty). */
export function newStoryForm(api: StudioApi, onCreated: (story: StudioStory) => void): HTMLFormElement {
  const genres = genreChoices();
  const fields = {
    title: formField('Title', h('input', { attrs: { type: 'text', name: 'title', required: true, maxlength: 120, autocomplete: 'off' } })),
    description: formField('Description', h('textarea', { attrs: { name: 'description', rows: 3, maxlength: 2000 } }), 'What readers see before they start.'),
    genre: formField('Genre', h('input', { attrs: { type: 'text', name: 'genre', required: true, maxlength: 40, list: genres.id, autocomplete: 'off' } })),
    id: formField('Story id (optional)', h('input', { attrs: { type: 'text', name: 'id', maxlength: 64, autocomplete: 'off', spellcheck: 'false' } }), 'Lower-case letters, digits and dashes; part of every link to the story. Made from the title when empty.'),
  };
  const problem = h('p', { className: 'form-error', attrs: { role: 'alert' } });
  const submit = h('button', { className: 'btn btn-primary', text: 'Create story', attrs: { type: 'submit' } });
  const form = h('form', { className: 'studio-form', attrs: { novalidate: true, 'aria-labelledby': 'new-story-heading' } }, [
    h('h2', { className: 'section-title', text: 'New story', attrs: { id: 'new-story-heading' } }),
    fields.title.wrapper,
    fields.description.wrapper,
    fields.genre.wrapper,
    genres,
    fields.id.wrapper,
    problem,
    h('div', { className: 'studio-actions' }, [submit]),
  ]);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (submit.disabled) return;
    problem.textContent = '';
    const title = fields.title.control.value.trim();
    const genre = fields.genre.control.value.trim();
    const id = fields.id.control.value.trim();
    fields.title.setProblem(title ? '' : 'Give your story a title.');
    fields.genre.setProblem(genre ? '' : 'Choose a genre, for example fantasy or mystery.');
    fields.description.setProblem('');
    fields.id.setProblem('');
    if (!title || !genre) return (title ? fields.genre : fields.title).control.focus();
    submit.disabled = true;
    submit.textContent = 'Creating…';
    api
      .createStory({ title, description: fields.description.control.value.trim(), genre, ...(id ? { id } : {}) })
      .then(onCreated)
      .catch((error: unknown) => {
        const failure = error instanceof ApiFailure ? error : ApiFailure.network(error);
        if (failure.code === 'STORY_ID_TAKEN') {
          fields.id.setProblem(`${failure.message} Choose another id.`);
          return fields.id.control.focus();
        }
        const named = showFieldIssues(failure.fieldIssues(), fields);
        problem.textContent = named ? 'Please fix the highlighted fields.' : failure.message;
        form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      })
      .finally(() => {
        submit.disabled = false;
        submit.textContent = 'Create story';
      });
  });
  return form;
}
