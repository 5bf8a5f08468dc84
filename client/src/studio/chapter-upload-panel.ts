import { ApiFailure } from '../shell/api-failure';
import { h } from '../shell/dom';
import { CHAPTER_FILE_ACCEPT, readChapterFile } from './chapter-file';
import { formField } from './form-field';
import { problemList } from './problem-list';
import { groupProblemsByScene, problemCountFromDetails, problemsFromDetails, problemSummary } from './problems-by-scene';
import type { StudioApi } from './studio-api';

/**
 * "Upload a chapter": a chapter file (its id proposed from the file), sent as the chapter's draft.
 * The outcome lands in a live region: uploaded, or the linter's problems grouped by scene (the
 * draft is kept either way, so the chapter list is read again in both cases).
 */
export class ChapterUploadPanel {
  readonly element: HTMLElement;
  private readonly file = formField('Chapter file', h('input', { attrs: { type: 'file', accept: CHAPTER_FILE_ACCEPT } }), 'A chapter document (.json); Ink (.ink) and Twine (.twee, .html) sources too.');
  private readonly chapterId = formField('Chapter id', h('input', { attrs: { type: 'text', autocomplete: 'off', spellcheck: 'false', maxlength: 128 } }), 'Taken from the file; an existing id replaces that chapter’s draft.');
  private readonly existing = h('datalist', { attrs: { id: 'studio-chapter-ids' } });
  private readonly submit = h('button', { className: 'btn btn-primary', text: 'Upload chapter', attrs: { type: 'submit' } });
  private readonly result = h('div', { className: 'upload-result', attrs: { role: 'status', 'aria-live': 'polite' } });

  constructor(
    private readonly api: StudioApi,
    private readonly storyId: string,
    private readonly onUploaded: () => Promise<void>,
  ) {
    this.chapterId.control.setAttribute('list', this.existing.id);
    const form = h('form', { className: 'studio-form', attrs: { novalidate: true } }, [
      this.file.wrapper,
      this.chapterId.wrapper,
      this.existing,
      h('div', { className: 'studio-actions' }, [this.submit]),
    ]);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.upload();
    });
    this.file.control.addEventListener('change', () => void this.chosen());
    this.element = h('section', { className: 'studio-card', attrs: { 'aria-labelledby': 'upload-chapter-heading' } }, [
      h('h3', { className: 'studio-card-title', text: 'Upload a chapter', attrs: { id: 'upload-chapter-heading' } }),
      form,
      this.result,
    ]);
  }

  /** The story's chapter ids, offered for replacing a draft. */
  setChapterIds(ids: string[]): void {
    this.existing.replaceChildren(...ids.map((id) => h('option', { attrs: { value: id } })));
  }

  private async chosen(): Promise<void> {
    const file = this.file.control.files?.[0];
    this.file.setProblem('');
    if (!file) return;
    const read = readChapterFile(file.name, await file.text());
    if (read.ok) this.chapterId.control.value = read.chapterId;
    else this.file.setProblem(read.problem);
  }

  private async upload(): Promise<void> {
    if (this.submit.disabled) return;
    const file = this.file.control.files?.[0];
    this.file.setProblem('');
    this.chapterId.setProblem('');
    if (!file) {
      this.file.setProblem('Choose a chapter file first.');
      return this.file.control.focus();
    }
    const read = readChapterFile(file.name, await file.text());
    if (!read.ok) {
      this.file.setProblem(read.problem);
      return this.file.control.focus();
    }
    const chapterId = this.chapterId.control.value.trim();
    if (!chapterId) {
      this.chapterId.setProblem('Give the chapter an id.');
      return this.chapterId.control.focus();
    }
    this.busy(true);
    this.result.replaceChildren(h('p', { className: 'muted', text: `Uploading ${file.name}…` }));
    try {
      const { problems: warnings } = await this.api.uploadChapter(this.storyId, chapterId, read);
      // A 200 may still carry warnings: they do not stop publishing, but the writer should see them.
      this.result.replaceChildren(
        h('p', { className: 'upload-ok', text: `Chapter “${chapterId}” uploaded with ${warnings.length === 0 ? 'no problems' : `no errors and ${warnings.length} ${warnings.length === 1 ? 'warning' : 'warnings'}`}. Preview it, then publish it.` }),
        ...(warnings.length > 0 ? [problemList(warnings)] : []),
      );
      await this.onUploaded();
    } catch (error) {
      const failure = error instanceof ApiFailure ? error : ApiFailure.network(error);
      const problems = failure.code === 'CONTENT_INVALID' ? problemsFromDetails(failure.details) : [];
      if (problems.length === 0) {
        this.result.replaceChildren(h('p', { className: 'upload-refused', text: `Not uploaded: ${failure.message}` }));
        return;
      }
      const total = problemCountFromDetails(failure.details, problems.length);
      const firstOnly = total > problems.length ? ` Here are the first ${problems.length} of ${total}.` : '';
      this.result.replaceChildren(
        h('p', { className: 'upload-refused', text: `Chapter “${chapterId}” was saved as a draft, with ${problemSummary(groupProblemsByScene(problems)).replace(/\.$/, '')}. Fix them and upload the file again.${firstOnly}` }),
        problemList(problems),
      );
      await this.onUploaded();
    } finally {
      this.busy(false);
    }
  }

  private busy(busy: boolean): void {
    this.submit.disabled = busy;
    this.submit.textContent = busy ? 'Uploading…' : 'Upload chapter';
  }
}
