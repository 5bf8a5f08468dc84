import type { CommentPage, CommentReportRequest, ReadingComment, ReadingThread } from '../../../api/reading';
import { MAX_COMMENT_LENGTH } from '../../../rooms/reading/protocol';
import type { ApiClient } from '../shell/api-client';
import { ApiFailure } from '../shell/api-failure';
import { button, h } from '../shell/dom';
import { CommentThreads, isDeletedThread } from './comment-threads';
import type { TextParagraph } from './chapter-text';

const PHONE = '(max-width: 700px)';
const REPORT_REASONS = ['Spoiler', 'Harassment or hate', 'Spam', 'Something else'];

export interface CommentPanelDeps {
  http: ApiClient;
  chapterId: string;
  myUserId: () => string | null;
  send: (paragraphId: string, text: string, replyTo: string | null) => void;
}

/**
 * One paragraph's comment threads: beside the text on a desktop (a non-modal dialog in the
 * margin), a bottom sheet on a phone (modal; Escape or Close gives focus back). History comes a
 * page at a time over REST; live comments of the chapter arrive through the room. Text is text.
 */
export class CommentPanel {
  readonly element = h('dialog', { className: 'rt-panel', attrs: { 'aria-labelledby': 'rt-panel-title' } });
  private readonly title = h('h2', { className: 'rt-panel-title', attrs: { id: 'rt-panel-title' } });
  private readonly list = h('ol', { className: 'rt-threads' });
  private readonly older = button('Older comments', () => void this.loadPage(), 'btn btn-small btn-outline rt-older');
  private readonly status = h('p', { className: 'rt-panel-status', attrs: { role: 'status' } });
  private readonly input = h('textarea', { attrs: { id: 'rt-comment', name: 'comment', rows: 3, maxlength: MAX_COMMENT_LENGTH } });
  private readonly counter = h('span', { className: 'rt-counter', attrs: { 'aria-live': 'off' } });
  private readonly replying = h('p', { className: 'rt-replying' });
  private paragraph: TextParagraph | null = null;
  private threads = new CommentThreads();
  private cursor: string | null = null;
  private replyTo: string | null = null;
  private opener: HTMLElement | null = null;

  constructor(private readonly deps: CommentPanelDeps) {
    const form = h('form', { className: 'rt-form' }, [
      h('label', { attrs: { for: 'rt-comment' }, text: 'Your comment' }),
      this.replying,
      this.input,
      h('div', { className: 'rt-form-row' }, [this.counter, h('button', { className: 'btn btn-small', attrs: { type: 'submit' }, text: 'Post' })]),
    ]);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.post();
    });
    this.input.addEventListener('input', () => this.count());
    this.element.append(
      h('div', { className: 'rt-panel-top' }, [this.title, button('Close', () => this.close(), 'btn btn-small btn-outline')]),
      this.list,
      this.older,
      this.status,
      form,
    );
    this.element.addEventListener('close', () => this.closed());
    this.count();
  }

  get paragraphId(): string | null {
    return this.element.open ? (this.paragraph?.id ?? null) : null;
  }

  async open(paragraph: TextParagraph, opener: HTMLElement): Promise<void> {
    this.opener = opener;
    this.paragraph = paragraph;
    this.threads = new CommentThreads();
    this.cursor = null;
    this.setReply(null);
    this.title.textContent = `Comments on “${excerpt(paragraph.text)}”`;
    this.status.textContent = '';
    this.render();
    if (this.element.open) this.element.close();
    if (window.matchMedia(PHONE).matches) this.element.showModal();
    else this.element.show();
    this.input.focus();
    await this.loadPage();
  }

  close(): void {
    if (this.element.open) this.element.close();
  }

  /** A comment someone (maybe this reader) posted in the chapter, live. */
  commentPosted(comment: ReadingComment): void {
    if (comment.paragraphId !== this.paragraphId) return;
    this.threads.add(comment);
    this.render();
  }

  /** The newest page again (comments of a busy chapter that were not sent live are in it). */
  async refresh(): Promise<void> {
    if (!this.paragraph) return;
    this.threads = new CommentThreads();
    this.cursor = null;
    await this.loadPage();
  }

  commentDeleted(commentId: string): void {
    this.threads.remove(commentId);
    this.render();
  }

  /** The room refused what was posted: say why, keep the text so nothing typed is lost. */
  refused(message: string): void {
    this.status.textContent = message;
  }

  private async loadPage(): Promise<void> {
    const paragraph = this.paragraph;
    if (!paragraph) return;
    const query = new URLSearchParams({ paragraphId: paragraph.id, limit: '20' });
    if (this.cursor) query.set('cursor', this.cursor);
    try {
      const page = await this.deps.http.get<CommentPage>(`/v1/chapters/${encodeURIComponent(this.deps.chapterId)}/comments?${query.toString()}`);
      if (paragraph !== this.paragraph) return;
      this.threads.addPage(page.items);
      this.cursor = page.nextCursor;
      this.render();
    } catch (error) {
      this.status.textContent = `Could not load the comments: ${failureText(error)}`;
    }
  }

  private post(): void {
    const text = this.input.value.trim();
    if (!this.paragraph) return;
    if (text.length === 0) return void (this.status.textContent = 'Write something first.');
    if (text.length > MAX_COMMENT_LENGTH) return void (this.status.textContent = `Comments are at most ${MAX_COMMENT_LENGTH} characters.`);
    this.deps.send(this.paragraph.id, text, this.replyTo);
    this.input.value = '';
    this.count();
    this.setReply(null);
    this.status.textContent = 'Posted.';
  }

  private render(): void {
    const items = this.threads.all.map((thread) => this.threadItem(thread));
    this.list.replaceChildren(...(items.length > 0 ? items : [h('li', { className: 'rt-empty', text: 'No comments yet. Start the conversation.' })]));
    this.older.hidden = this.cursor === null;
  }

  private threadItem(thread: ReadingThread): HTMLElement {
    const opener = isDeletedThread(thread) ? h('p', { className: 'rt-deleted', text: 'Comment deleted' }) : this.commentView(thread, true);
    const replies = thread.replies.length > 0 ? h('ol', { className: 'rt-replies' }, thread.replies.map((reply) => h('li', {}, [this.commentView(reply, false, thread.id)]))) : null;
    return h('li', { className: 'rt-thread' }, [opener, replies]);
  }

  private commentView(comment: ReadingComment, isThread: boolean, threadId = comment.id): HTMLElement {
    const mine = comment.author.id === this.deps.myUserId();
    const actions = h('div', { className: 'rt-comment-actions' }, [
      button('Reply', () => this.setReply(threadId, comment.author.displayName), 'btn-link', { 'aria-label': `Reply to ${comment.author.displayName}` }),
      mine ? button('Delete', (event) => this.confirmRemove(comment, event.currentTarget as HTMLElement), 'btn-link') : button('Report', (event) => this.report(comment, event.currentTarget as HTMLElement), 'btn-link', { 'aria-label': `Report the comment by ${comment.author.displayName}` }),
    ]);
    return h('article', { className: isThread ? 'rt-comment' : 'rt-comment rt-reply' }, [
      h('p', { className: 'rt-comment-head' }, [h('strong', { text: comment.author.displayName || 'A reader' }), ' ', h('time', { attrs: { datetime: comment.at }, text: timeOf(comment.at) })]),
      h('p', { className: 'rt-comment-text', text: comment.text }),
      actions,
    ]);
  }

  private setReply(threadId: string | null, name?: string): void {
    this.replyTo = threadId;
    this.replying.replaceChildren();
    if (threadId !== null) {
      this.replying.append(`Replying to ${name ?? 'a comment'} `, button('Cancel reply', () => this.setReply(null), 'btn-link'));
      this.input.focus();
    }
  }

  /** Deleting asks once more, in place: the button becomes "Delete for good" (replies stay). */
  private confirmRemove(comment: ReadingComment, from: HTMLElement): void {
    const confirm = button('Delete for good', () => void this.remove(comment), 'btn-link rt-danger', { 'aria-label': 'Delete your comment for good (replies to it stay)' });
    from.replaceWith(confirm);
    confirm.focus();
  }

  private async remove(comment: ReadingComment): Promise<void> {
    try {
      await this.deps.http.request<void>('DELETE', `/v1/comments/${encodeURIComponent(comment.id)}`);
      this.commentDeleted(comment.id);
      this.status.textContent = 'Your comment was deleted.';
    } catch (error) {
      this.status.textContent = `Could not delete it: ${failureText(error)}`;
    }
  }

  /** A small form in place of the Report button: pick a reason, send. */
  private report(comment: ReadingComment, from: HTMLElement): void {
    const select = h('select', { attrs: { 'aria-label': 'Why are you reporting it?' } }, REPORT_REASONS.map((reason) => h('option', { text: reason, attrs: { value: reason } })));
    const form = h('form', { className: 'rt-report' }, [select, h('button', { className: 'btn btn-small', attrs: { type: 'submit' }, text: 'Send report' })]);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.deps.http
        .post<void>(`/v1/comments/${encodeURIComponent(comment.id)}/report`, { reason: select.value } satisfies CommentReportRequest)
        .then(() => form.replaceWith(h('span', { className: 'rt-reported', text: 'Reported — a moderator will look at it.' })))
        .catch((error: unknown) => (this.status.textContent = `Could not report it: ${failureText(error)}`));
    });
    from.replaceWith(form);
    select.focus();
  }

  private count(): void {
    this.counter.textContent = `${this.input.value.trim().length} / ${MAX_COMMENT_LENGTH}`;
  }

  private closed(): void {
    const opener = this.opener;
    this.opener = null;
    this.paragraph = null;
    if (opener?.isConnected) opener.focus({ preventScroll: true });
  }
}

export function excerpt(text: string, length = 48): string {
  return text.length <= length ? text : `${text.slice(0, length - 1).trimEnd()}…`;
}

function timeOf(iso: string): string {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? '' : at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

function failureText(error: unknown): string {
  return error instanceof ApiFailure ? error.message : 'the connection failed';
}
