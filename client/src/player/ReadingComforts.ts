import { renderHistory } from './history-view';
import { renderPauseMenu, type Meter } from './pause-menu-view';
import { PlayerDialog } from './PlayerDialog';
import { autoPlayDelay, charsPerSecond, SKIP_DELAY_MS, type ReadingSettings } from './reading-settings';
import type { ReadingLog } from './ReadingLog';
import { SettingsStore } from './SettingsStore';

/** What the comforts need from the player they sit in. */
export interface ComfortsHost {
  /** The text of the line on screen ('' when none). */
  lineText(): string;
  /** The whole line is up and waits for "go on". */
  lineWaiting(): boolean;
  goOn(): void;
  /** Escape may pause: the player is in front (not covered by the shell or a notice). */
  mayPause(): boolean;
  /** Back to reading: focus on Continue, so Space and Enter go on. */
  focusContinue(): void;
  setCharsPerSecond(charsPerSecond: number): void;
  relationships(): Meter[];
  onLibrary?: () => void;
}

/**
 * The reader's comforts around the story: text speed, auto-play and skipping read lines (this
 * device's settings), the pause menu on Escape and the history of lines read.
 */
export class ReadingComforts {
  readonly menu: PlayerDialog;
  readonly history: PlayerDialog;
  private readonly settings = new SettingsStore();
  /** Auto-play or skipping: the pending "go on" for the line on screen. */
  private autoTimer: ReturnType<typeof setTimeout> | undefined;
  /** The line on screen was read before and skipping is on: it goes by at once. */
  private skippingLine = false;
  private destroyed = false;
  private readonly onEscape = (event: KeyboardEvent): void => this.handleEscape(event);

  constructor(
    private readonly host: ComfortsHost,
    log: ReadingLog,
  ) {
    this.menu = new PlayerDialog('Paused', (body) => this.buildMenu(body), () => this.scheduleAuto());
    this.history = new PlayerDialog('History', (body) => renderHistory(body, log.history), () => this.scheduleAuto());
    host.setCharsPerSecond(charsPerSecond(this.settings.settings.textSpeed));
    window.addEventListener('keydown', this.onEscape);
  }

  get dialogOpen(): boolean {
    return this.menu.open || this.history.open;
  }

  /** A line comes up; returns whether it goes by at once (read before, and skipping is on). */
  lineStarts(readBefore: boolean): boolean {
    this.skippingLine = this.settings.settings.skipRead && readBefore;
    return this.skippingLine;
  }

  /** After a whole line is up: go on by itself when skipping a read line or on auto-play. */
  scheduleAuto(): void {
    this.stopAuto();
    if (this.destroyed || this.dialogOpen) return;
    const { autoPlay, autoSpeed } = this.settings.settings;
    const text = this.host.lineText();
    const delay = this.skippingLine ? SKIP_DELAY_MS : autoPlay ? autoPlayDelay(text, autoSpeed) : undefined;
    if (delay === undefined) return;
    this.autoTimer = setTimeout(() => {
      this.autoTimer = undefined;
      if (this.host.lineWaiting()) this.host.goOn();
    }, delay);
  }

  stopAuto(): void {
    if (this.autoTimer !== undefined) clearTimeout(this.autoTimer);
    this.autoTimer = undefined;
  }

  openMenu(): void {
    this.open(this.menu);
  }

  openHistory(): void {
    this.open(this.history);
  }

  destroy(): void {
    this.destroyed = true;
    this.stopAuto();
    window.removeEventListener('keydown', this.onEscape);
    this.menu.close();
    this.history.close();
  }

  private open(dialog: PlayerDialog): void {
    if (this.destroyed) return;
    this.stopAuto();
    this.menu.close();
    this.history.close();
    dialog.show();
  }

  /** Escape pauses: the menu opens (a dialog already open closes itself on Escape). */
  private handleEscape(event: KeyboardEvent): void {
    if (event.key !== 'Escape' || event.defaultPrevented || this.dialogOpen) return;
    // Another dialog of the page (the shell's) takes its own Escape.
    if (document.querySelector('dialog[open]') !== null) return;
    if (!this.host.mayPause()) return;
    event.preventDefault();
    this.openMenu();
  }

  private buildMenu(body: HTMLElement): void {
    const library = this.host.onLibrary;
    renderPauseMenu(body, {
      settings: this.settings.settings,
      change: (patch) => this.changeSettings(patch),
      relationships: this.host.relationships(),
      // Back to the line, not to the Menu button: Space and Enter then go on reading.
      keepReading: () => {
        this.menu.close({ returnFocus: false });
        this.host.focusContinue();
      },
      history: () => this.openHistory(),
      library: library && (() => {
        this.menu.close();
        library();
      }),
    });
  }

  private changeSettings(patch: Partial<ReadingSettings>): void {
    const settings = this.settings.change(patch);
    this.host.setCharsPerSecond(charsPerSecond(settings.textSpeed));
  }
}
