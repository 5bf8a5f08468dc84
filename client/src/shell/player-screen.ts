import type { StoryState } from '../../../rooms/story/StoryState';
import { PreviewChapterSource } from '../studio/preview-source';
import { StudioApi } from '../studio/studio-api';
import type { SceneSnapshot } from '../player/player-contract';
import { ChapterEndCard } from './chapter-end';
import { chapterChanges, standingAtStart, type ChapterChange } from './chapter-changes';
import { button, h } from './dom';
import { icon } from './icons';
import { JoinFailure } from './join-failure';
import { LoadingCard } from './loading-card';
import { LockedCard } from './locked-card';
import { ReconnectingOverlay } from './reconnecting-overlay';
import { LookPanel } from './look-panel';
import { refusalNotice } from './refusal-notice';
import { resolveAssetUrl } from '../player/asset-url';
import { routeHash, type Route } from './routes';
import { SceneDirector, standingOf } from './scene-director';
import { toSceneSnapshot } from './scene-snapshot';
import { focusableHeading, type Screen, type ShellContext } from './screen';
import { stageCard } from './stage-card';
import { StoryConnection, type ConnectionStatus, type StoryRefusal } from './story-connection';
import { showToast } from './toast';

/** Whatever currently covers the stage: loading, locked, an error, the chapter end. */
interface StageCover {
  element: HTMLElement;
  heading?: HTMLElement;
  destroy?(): void;
}

export function playerScreen(context: ShellContext, storyId: string, chapterId?: string, preview = false): Screen {
  return new PlayerScreen(context, storyId, chapterId, preview && chapterId !== undefined);
}

/**
 * The reading screen: owns the story room (StoryConnection) and hands its state to the player
 * (SceneDirector); refusals become notices, a locked chapter a card, a drop "Reconnecting…".
 */
class PlayerScreen implements Screen {
  readonly element: HTMLElement;
  readonly heading: HTMLElement;
  private readonly chapterLine = h('p', { className: 'player-chapter', text: 'Opening…' });
  private readonly stage = h('div', { className: 'player-stage' });
  private readonly overlays = h('div', { className: 'player-overlays' });
  private readonly reconnecting: ReconnectingOverlay;
  private readonly look: LookPanel;
  private readonly director: SceneDirector;
  private connection: StoryConnection | null = null;
  private latest: SceneSnapshot | null = null;
  private lastRefusal: StoryRefusal | null = null;
  private cover: StageCover | null = null;
  private routeNormalised = false;
  /** The chapter "Next chapter" asked this room to open, until its state arrives. */
  private goingOnTo: string | null = null;
  private destroyed = false;

  constructor(
    private readonly context: ShellContext,
    private readonly storyId: string,
    private readonly chapterId: string | undefined,
    /** The writer previews a draft: back goes to the studio, and the address keeps the chapter. */
    private readonly preview: boolean,
  ) {
    context.setTitle(preview ? 'Preview' : 'Reading');
    this.heading = focusableHeading(h('h1', { className: 'player-title', text: preview ? 'Preview' : '\u00a0' }));
    this.reconnecting = new ReconnectingOverlay(this.storyHref());
    this.look = new LookPanel({
      name: (name) => this.connection?.name(name),
      wear: (outfitId) => this.connection?.wear(outfitId),
      assetUrl: (path) => resolveAssetUrl(`/v1/stories/${encodeURIComponent(storyId)}/assets/`, path),
    });
    this.element = h('div', { className: 'screen player-screen' }, [
      h('header', { className: 'player-header' }, [
        h('a', { className: 'icon-btn', attrs: { href: this.storyHref(), 'aria-label': preview ? 'Back to the studio' : 'Back to story' } }, [icon('back', 'icon')]),
        h('div', { className: 'player-heading' }, [this.heading, this.chapterLine]),
      ]),
      h('main', { className: 'player-main' }, [this.stage, this.overlays, this.look.element, this.reconnecting.element]),
    ]);
    // A story with no released chapter is not in the catalog yet: a preview asks the studio instead.
    const studio = preview ? new StudioApi(context.api.http) : null;
    const storyTitle = (studio ? studio.story(storyId).then((story) => story?.title ?? '') : context.api.story(storyId).then((story) => story.title)).catch(() => '');
    void storyTitle.then((title) => {
      if (!title || this.destroyed) return;
      this.heading.textContent = preview ? `Preview: ${title}` : title;
      this.updateTitle();
    });
    this.director = new SceneDirector({
      host: this.stage,
      storyId,
      storyTitle,
      source: studio ? new PreviewChapterSource(studio, storyId) : undefined,
      onAdvance: () => this.connection?.advance(),
      onChoose: (choiceId) => this.connection?.choose(choiceId),
      onChapterEnd: (end) => this.showChapterEnd(end),
      onOpenStore: () => context.openStore(),
      onLibrary: () => context.router.navigate(preview ? { name: 'studio-story', storyId } : { name: 'library' }),
      onLoading: (chapterNumber) => this.showLoading(`Opening Chapter ${chapterNumber}`),
      onReady: () => {
        if (this.cover instanceof LoadingCard) this.setCover(null);
      },
      onFailed: (retry) => this.showLoadFailure(retry),
      onNewScene: () => {
        if (this.cover instanceof ChapterEndCard) this.setCover(null);
      },
    });
    void this.connect(chapterId);
  }

  destroy(): void {
    this.destroyed = true;
    this.connection?.close();
    this.director.destroy();
    this.cover?.destroy?.();
  }

  // ── the room ──────────────────────────────────────────────────────────────

  private async connect(chapterId: string | undefined): Promise<void> {
    // Rejoining under a live player (after "Connection lost") keeps the stage visible.
    if (!this.director.hasPlayer) this.showLoading(chapterId ? 'Opening the chapter' : 'Opening your story');
    const connection = new StoryConnection({
      storyId: this.storyId,
      chapterId,
      preview: this.preview,
      accessToken: () => this.context.api.http.freshAccessToken(60),
      renewToken: async (stale) => (await this.context.api.http.refresh(stale)).accessToken,
      onState: (state) => this.onState(state),
      onRefusal: (refusal) => this.onRefusal(refusal),
      onStatus: (status) => this.onStatus(status),
    });
    this.connection = connection;
    try {
      await connection.open();
    } catch (error) {
      if (this.destroyed || this.connection !== connection) return;
      this.showJoinFailure(JoinFailure.from(error), chapterId);
    }
  }

  private onState(state: StoryState): void {
    if (this.destroyed) return;
    const snapshot = toSceneSnapshot(state);
    this.latest = snapshot;
    if (snapshot.chapterId === this.goingOnTo) this.goingOnTo = null;
    if (snapshot.chapterNumber > 0) this.chapterLine.textContent = `${this.preview ? 'Draft · ' : ''}Chapter ${snapshot.chapterNumber}${snapshot.chapterTitle ? ` · ${snapshot.chapterTitle}` : ''}`;
    else if (snapshot.status === 'locked') this.chapterLine.textContent = 'Chapter locked';
    this.updateTitle();
    if (snapshot.status === 'locked') return this.showLocked(false);
    if (this.cover instanceof LockedCard) this.setCover(null);
    this.normaliseRoute();
    this.director.present(snapshot, state.bundleUrl);
    this.look.update(state);
  }

  private onStatus(status: ConnectionStatus): void {
    if (status === 'connected') {
      this.reconnecting.hide();
      this.director.setInteractive(true);
      return;
    }
    this.director.setInteractive(false);
    if (status === 'reconnecting') return this.reconnecting.show();
    this.reconnecting.showLost(() => {
      this.connection?.close();
      this.reconnecting.hide();
      this.director.setInteractive(true);
      // Resume wherever the saved progress stands (a preview has none: its chapter again).
      void this.connect(this.preview ? this.chapterId : undefined);
    });
  }

  private onRefusal(refusal: StoryRefusal): void {
    if (this.destroyed) return;
    // The room could not go on (this story moved on elsewhere): open the chapter as a new session.
    if (refusal.code === 'NO_NEXT_CHAPTER' && this.goingOnTo) return this.openChapter(this.goingOnTo);
    const opening = refusal.code === 'NO_KEYS' || refusal.code === 'CHAPTER_LOCKED';
    const repeated = opening && this.cover instanceof LockedCard && this.lastRefusal?.code === refusal.code;
    this.lastRefusal = refusal;
    // Refused while opening the chapter: the session is locked (the state may say so just after).
    if (opening && (!this.director.hasPlayer || !this.latest || this.latest.status === 'locked')) return this.showLocked(repeated);
    if (this.look.refused(refusal.code, refusal.message)) return;
    const notice = refusalNotice(refusal, {
      openStore: () => this.context.openStore(),
      lockReasonOf: (choiceId) => this.latest?.choices.find((c) => c.id === choiceId)?.lockReason,
    });
    if (notice && !this.director.showNotice(notice)) showToast(`${notice.title}. ${notice.message}`);
  }

  // ── what covers the stage ─────────────────────────────────────────────────

  private showLoading(title: string): (fraction: number) => void {
    const loading = this.cover instanceof LoadingCard ? this.cover : new LoadingCard(title);
    loading.retitle(title);
    this.setCover(loading);
    return (fraction) => loading.set(fraction);
  }

  private showLocked(retried: boolean): void {
    const card = new LockedCard({
      refusal: this.lastRefusal,
      retried,
      // While locked, `advance` asks the room to try opening the chapter again.
      onTryAgain: () => this.connection?.advance(),
      onBack: () => this.context.router.navigate(this.backRoute()),
    });
    this.setCover(card, !retried);
    if (retried) card.tryAgain.focus();
  }

  private showJoinFailure(failure: JoinFailure, chapterId: string | undefined): void {
    const { title, message } = failure.friendly();
    const actions = [this.preview ? button('Back to the studio', () => this.context.router.navigate(this.backRoute()), 'btn btn-ghost') : button('Back to library', () => this.context.router.navigate({ name: 'library' }), 'btn btn-ghost')];
    if (failure.transient) actions.unshift(button('Try again', () => void this.connect(chapterId), 'btn btn-primary'));
    this.setCover(stageCard({ icon: 'book', title, message, actions, className: 'error-card' }), true);
    this.chapterLine.textContent = title;
  }

  private showLoadFailure(retry: () => void): void {
    const actions = [
      button('Try again', retry, 'btn btn-primary'),
      button(this.preview ? 'Back to the studio' : 'Back to story', () => this.context.router.navigate(this.backRoute()), 'btn btn-ghost'),
    ];
    this.setCover(stageCard({ icon: 'book', title: 'This chapter could not be loaded', message: 'Check your connection and try again.', actions }), true);
  }

  private showChapterEnd(end: SceneSnapshot): void {
    if (this.destroyed) return;
    const next = end.nextChapterId;
    const card = new ChapterEndCard({
      snapshot: end,
      changes: this.changesOf(end),
      // A preview is one chapter; its writer goes back to the studio from its end.
      onNextChapter: next && !this.preview ? () => this.goOn(next) : null,
      onLibrary: () => this.context.router.navigate(this.preview ? this.backRoute() : { name: 'library' }),
      backLabel: this.preview ? 'Back to the studio' : undefined,
    });
    this.setCover(card, true);
  }

  /** The next chapter in this same room (no reconnect); when the connection is down, a new screen and session for it. */
  private goOn(chapterId: string): void {
    this.showLoading('Opening the next chapter');
    this.goingOnTo = chapterId;
    if (!this.connection?.next()) this.openChapter(chapterId);
  }

  private openChapter(chapterId: string): void {
    this.context.router.navigate({ name: 'play', storyId: this.storyId, chapterId });
  }

  private async changesOf(end: SceneSnapshot): Promise<ChapterChange[]> {
    const { bundle, chapterStart } = this.director;
    if (chapterStart) return chapterChanges(chapterStart, standingOf(end), bundle);
    // A preview saves no progress to reconstruct the start from.
    if (!bundle || this.preview) return [];
    // Resumed mid-chapter: undo this chapter's saved choices to find where it began.
    this.context.api.forgetProgress();
    const progress = await this.context.api.progress(this.storyId);
    return chapterChanges(standingAtStart(standingOf(end), bundle, progress?.history ?? []), standingOf(end), bundle);
  }

  /** Covers the stage (making it inert) with a card, or uncovers it with null. */
  private setCover(cover: StageCover | null, focus = false): void {
    if (this.cover !== cover) {
      this.cover?.destroy?.();
      this.cover?.element.remove();
    }
    this.cover = cover;
    this.stage.inert = cover !== null;
    if (!cover) return;
    this.overlays.replaceChildren(cover.element);
    if (focus) cover.heading?.focus();
  }

  // ── address and title ─────────────────────────────────────────────────────

  /** Once the session is open the story counts as started, and the address says "this story" so a reload resumes where the reader is. */
  private normaliseRoute(): void {
    if (this.routeNormalised || this.preview) return;
    this.routeNormalised = true;
    this.context.api.forgetProgress();
    if (this.chapterId) this.context.router.replace({ name: 'play', storyId: this.storyId });
  }

  private updateTitle(): void {
    const title = this.heading.textContent?.trim() || (this.preview ? 'Preview' : 'Reading');
    const chapter = this.latest?.chapterNumber;
    this.context.setTitle(chapter ? `${title} · Chapter ${chapter}` : title);
  }

  private storyHref(): string {
    return routeHash(this.backRoute());
  }

  /** Where "back" leads: the story page, or the writer's studio page of the story for a preview. */
  private backRoute(): Route {
    return this.preview ? { name: 'studio-story', storyId: this.storyId } : { name: 'story', storyId: this.storyId };
  }
}
