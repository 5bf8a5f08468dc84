import type { AnyChapterBundle } from '../../../content-pipeline';
import type { ReadingCommentMessage } from '../../../rooms/reading/protocol';
import type { ReadingState } from '../../../rooms/reading/ReadingState';
import { backLink } from '../shell/back-link';
import { loadChapterBundle } from '../shell/bundle-cache';
import { button, h } from '../shell/dom';
import { LibraryHeader } from '../shell/library-header';
import { routeHash } from '../shell/routes';
import { focusableHeading, type Screen, type ShellContext } from '../shell/screen';
import { chapterText, type TextParagraph } from './chapter-text';
import { CommentPanel, excerpt } from './comment-panel';
import { ReactionBar } from './reaction-bar';
import { ReadingConnection, type ReadingRefusal } from './reading-connection';
import { PositionReporter } from './position-reporter';
import './reading.css';

/** Readers shown as avatars at most; the rest are a number. */
const AVATARS = 8;

/**
 * "Read together": a chapter the reader has opened, as text, with everyone reading it live — how
 * many, who is in this room and where, reactions on each paragraph, and comment threads. All DOM:
 * real buttons, a polite live region for what others post, plain text for what readers write.
 */
export function readTogetherScreen(context: ShellContext, storyId: string, chapterId: string): Screen {
  context.setTitle('Read together');
  const heading = focusableHeading(h('h1', { className: 'rt-title', text: 'Read together' }));
  const readers = h('p', { className: 'rt-readers' });
  const present = h('ul', { className: 'rt-present', attrs: { 'aria-label': 'Reading in this room' } });
  const notice = h('p', { className: 'rt-notice', attrs: { role: 'alert' } });
  const announcer = h('p', { className: 'visually-hidden', attrs: { 'aria-live': 'polite' } });
  // A busy chapter sends each reader only so many comments live: say how many were not, and fetch them on request.
  const heldBackText = h('span');
  const showHeldBack = button('Show the newest comments', () => {
    heldBack = 0;
    busy.hidden = true;
    void panel.refresh();
  }, 'btn-link');
  // Not a live region: it changes every 2 s on a busy chapter, and the comments that do come are announced.
  const busy = h('p', { className: 'rt-busy' }, [heldBackText, ' ', showHeldBack]);
  busy.hidden = true;
  const text = h('div', { className: 'rt-text' });
  const header = new LibraryHeader(context);
  const element = h('div', { className: 'screen rt-screen' }, [
    header.element,
    h('main', { className: 'rt-main' }, [
      backLink(routeHash({ name: 'story', storyId }), 'Back to the story'),
      heading,
      h('div', { className: 'rt-presence' }, [readers, present]),
      notice,
      busy,
      announcer,
      text,
    ]),
  ]);
  const connection = new ReadingConnection(() => context.api.http.freshAccessToken(60), storyId, chapterId);
  const bars = new Map<string, ReactionBar>();
  const paragraphs = new Map<string, TextParagraph>();
  const commentButtons = new Map<string, HTMLButtonElement>();
  const panel = new CommentPanel({
    http: context.api.http,
    chapterId,
    myUserId: () => context.signIns.current()?.user.id ?? null,
    send: (paragraphId, body, replyTo) => connection.send('comment', { paragraphId, text: body, ...(replyTo ? { replyTo } : {}) }),
  });
  element.append(panel.element);
  const positions = new PositionReporter((paragraphId) => connection.send('position', { paragraphId }));
  let lastReaction: { paragraphId: string; emoji: string } | null = null;
  let shownPresence = '';
  let destroyed = false;
  let heldBack = 0;

  function showState(state: ReadingState): void {
    readers.textContent = state.readers === 1 ? 'Only you are reading this chapter right now' : `${state.readers} readers in this chapter right now`;
    const people = [...state.present.values()];
    const shown = people.slice(0, AVATARS).map((reader) => {
      const where = reader.paragraphId ? paragraphs.get(reader.paragraphId) : undefined;
      const label = where ? `${reader.displayName}, at “${excerpt(where.text, 32)}”` : reader.displayName;
      return h('li', { className: 'rt-avatar', attrs: { title: label } }, [h('span', { attrs: { 'aria-hidden': 'true' }, text: initials(reader.displayName) }), h('span', { className: 'visually-hidden', text: label })]);
    });
    if (people.length > AVATARS) shown.push(h('li', { className: 'rt-avatar rt-more', text: `+${people.length - AVATARS}` }));
    // The room patches five times a second: redraw the avatars only when who or where changed.
    const presence = shown.map((item) => item.textContent).join('\n');
    if (presence !== shownPresence) present.replaceChildren(...shown);
    shownPresence = presence;
    for (const [paragraphId, bar] of bars) {
      const counts = state.reactions.get(paragraphId) as unknown as Record<string, number> | undefined;
      bar.update(counts ?? {});
    }
  }

  function commentArrived(comment: ReadingCommentMessage): void {
    panel.commentPosted(comment);
    const paragraph = paragraphs.get(comment.paragraphId);
    const mine = comment.author.id === context.signIns.current()?.user.id;
    const commentsButton = commentButtons.get(comment.paragraphId);
    if (commentsButton && !mine && panel.paragraphId !== comment.paragraphId) commentsButton.classList.add('has-new');
    if (!mine && paragraph) announcer.textContent = `${comment.author.displayName} commented on “${excerpt(paragraph.text, 40)}”: ${comment.text}`;
  }

  function commentsHeldBack(count: number): void {
    heldBack += count;
    heldBackText.textContent = `This chapter is busy: ${heldBack} ${heldBack === 1 ? 'comment was' : 'comments were'} not shown as they came.`;
    // The button reloads the open paragraph's comments; with none open, any paragraph's Comments shows the newest anyway.
    showHeldBack.hidden = panel.paragraphId === null;
    if (panel.paragraphId === null) heldBackText.textContent += ' Open a paragraph’s comments to read them all.';
    busy.hidden = false;
  }

  function refused(refusal: ReadingRefusal): void {
    const message = refusalText(refusal);
    if (refusal.code === 'RATE_LIMITED' && lastReaction) bars.get(lastReaction.paragraphId)?.undo(lastReaction.emoji);
    if (panel.paragraphId !== null && /COMMENT|REPLY|RATE_LIMITED/.test(refusal.code)) panel.refused(message);
    else notice.textContent = message;
  }

  function renderText(list: TextParagraph[]): void {
    text.replaceChildren(
      ...list.map((paragraph) => {
        paragraphs.set(paragraph.id, paragraph);
        const bar = new ReactionBar(excerpt(paragraph.text, 32), (emoji) => {
          lastReaction = { paragraphId: paragraph.id, emoji };
          connection.send('react', { paragraphId: paragraph.id, emoji });
        });
        bars.set(paragraph.id, bar);
        const comments = button('Comments', () => {
          comments.classList.remove('has-new');
          void panel.open(paragraph, comments);
        }, 'btn-link rt-comments', { 'aria-label': `Comments on “${excerpt(paragraph.text, 32)}”` });
        commentButtons.set(paragraph.id, comments);
        const block = h('section', { className: paragraph.speaker ? 'rt-paragraph rt-dialogue' : 'rt-paragraph', attrs: { 'data-paragraph-id': paragraph.id } }, [
          paragraph.speaker ? h('p', { className: 'rt-speaker', text: paragraph.speaker }) : null,
          h('p', { className: 'rt-line', text: paragraph.text }),
          h('div', { className: 'rt-paragraph-actions' }, [bar.element, comments]),
        ]);
        positions.watch(block, paragraph.id);
        return block;
      }),
    );
  }

  async function start(): Promise<void> {
    try {
      const story = await context.api.story(storyId);
      const chapter = story.chapters.find((c) => c.id === chapterId);
      if (!chapter) return void (notice.textContent = 'There is no such chapter.');
      heading.textContent = `Read together · Chapter ${chapter.number}: ${chapter.title}`;
      context.setTitle(`${story.title} · Read together`);
      const bundle: AnyChapterBundle = await loadChapterBundle(chapter.bundleUrl);
      const list = chapterText(bundle);
      if (!list) return void (notice.textContent = 'This chapter changes as you play it, so it cannot be read together as text.');
      renderText(list);
      await connection.open({
        onState: (state) => !destroyed && showState(state),
        onComment: (comment) => !destroyed && commentArrived(comment),
        onCommentDeleted: ({ id }) => !destroyed && panel.commentDeleted(id),
        onCommentsHeldBack: ({ count }) => !destroyed && commentsHeldBack(count),
        onMine: ({ reactions }) => {
          if (destroyed) return;
          for (const [paragraphId, bar] of bars) bar.setMine(reactions.filter((r) => r.paragraphId === paragraphId).map((r) => r.emoji));
        },
        onRefusal: (refusal) => !destroyed && refused(refusal),
        onReconnecting: (reconnecting) => !destroyed && (notice.textContent = reconnecting ? 'Connection lost — joining the chapter again…' : ''),
      });
    } catch (error) {
      if (!destroyed) notice.textContent = joinText(error);
    }
  }

  void start();
  return {
    element,
    heading,
    destroy: () => {
      destroyed = true;
      positions.stop();
      panel.close();
      connection.close();
      header.destroy();
    },
  };
}

function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  return (words.length > 1 ? `${words[0]![0]}${words[words.length - 1]![0]}` : (words[0] ?? '?').slice(0, 2)).toUpperCase();
}

function refusalText(refusal: ReadingRefusal): string {
  switch (refusal.code) {
    case 'RATE_LIMITED':
      return 'A little slower — try again in a few seconds.';
    case 'COMMENT_TOO_LONG':
      return 'Comments are at most 500 characters.';
    case 'COMMENT_EMPTY':
      return 'Write something first.';
    case 'REPLY_NOT_FOUND':
      return 'That comment is gone; post yours as a new one.';
    default:
      return refusal.message;
  }
}

function joinText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  if (/CHAPTER_LOCKED/.test(text)) return 'Open this chapter in the story first; then you can read it together.';
  if (/READING_NOT_AVAILABLE/.test(text)) return 'This chapter changes as you play it, so it cannot be read together as text.';
  if (/NOT_FOUND/.test(text)) return 'There is no such chapter.';
  return 'Could not join the readers of this chapter. Try again in a moment.';
}
