import type { ReadingComment, ReadingThread } from '../../../api/reading';

/**
 * One paragraph's threads as the reader sees them: newest thread first, replies oldest first —
 * history pages and live comments merged, each comment once (a live one may also come in a page).
 */
export class CommentThreads {
  private threads: ReadingThread[] = [];

  get all(): readonly ReadingThread[] {
    return this.threads;
  }

  /** An older page from history: its threads go after the ones already here. */
  addPage(items: readonly ReadingThread[]): void {
    for (const thread of items) {
      const known = this.threads.find((t) => t.id === thread.id);
      if (!known) this.threads.push({ ...thread, replies: [...thread.replies] });
      else for (const reply of thread.replies) this.addReply(known, reply);
    }
  }

  /** A live comment: a new thread goes on top; a reply joins its thread (unknown thread: it waits for history). */
  add(comment: ReadingComment): void {
    if (comment.replyTo === null) {
      if (!this.threads.some((t) => t.id === comment.id)) this.threads.unshift({ ...comment, replies: [] });
      return;
    }
    const thread = this.threads.find((t) => t.id === comment.replyTo);
    if (thread) this.addReply(thread, comment);
  }

  /** Its author deleted it: a thread's replies stay readable, as history shows them without the opener. */
  remove(commentId: string): void {
    const index = this.threads.findIndex((t) => t.id === commentId);
    if (index >= 0) {
      const [thread] = this.threads.splice(index, 1);
      if (thread && thread.replies.length > 0) this.threads.splice(index, 0, { ...thread, text: '', replies: thread.replies, deleted: true } as ReadingThread & { deleted: true });
      return;
    }
    for (const thread of this.threads) thread.replies = thread.replies.filter((r) => r.id !== commentId);
  }

  private addReply(thread: ReadingThread, reply: ReadingComment): void {
    if (!thread.replies.some((r) => r.id === reply.id)) thread.replies.push(reply);
  }
}

/** A thread whose first comment its author deleted (its replies remain). */
export function isDeletedThread(thread: ReadingThread): boolean {
  return (thread as ReadingThread & { deleted?: boolean }).deleted === true;
}
