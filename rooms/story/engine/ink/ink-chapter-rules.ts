import { Story } from 'inkjs';
import type { ActionOutcome, StoryAction } from '../apply-action';
import type { ChapterRules } from '../chapter-rules';
import type { SceneView } from '../scene-view';
import { carriedLook, type StoryProgress } from '../story-progress';
import { ownKnot, type InkChapter } from './ink-chapter';
import { globalVariableNames, parseSave, readPassage, type InkPassage, type InkSave } from './ink-passage';

/**
 * The rules of an ink chapter, played by inkjs. The saved progress holds ink's state at the start
 * of the passage the player stands at; every call loads it, plays the passage again (the same
 * lines: the random seed is in the state) and goes on from there. Calls are synchronous, so one
 * Story per chapter bundle serves every session of the process without interleaving.
 */
/** inkjs's ErrorType.Error (the package's entry points do not export the enum). */
const ERROR_TYPE_ERROR = 2;

export class InkChapterRules implements ChapterRules {
  private readonly story: Story;
  private readonly variables: string[];

  constructor(private readonly chapter: InkChapter) {
    this.story = new Story(chapter.ink as Record<string, unknown>);
    // The server binds no EXTERNAL functions: ink's own fallback functions stand in (the linter refuses a story without them).
    this.story.allowExternalFunctionFallbacks = true;
    // A story that runs out of content without -> END simply ends there (ink calls it an error but
    // stops cleanly); warnings are the writer's business; any other runtime error refuses the step.
    this.story.onError = (message, type) => {
      if (type === ERROR_TYPE_ERROR && !/ran out of content/i.test(message)) throw new Error(message);
    };
    this.variables = globalVariableNames(chapter.ink);
  }

  start(earlier: StoryProgress | null): StoryProgress {
    const begin = this.beginning(earlier);
    const base: StoryProgress = {
      storyId: this.chapter.storyId,
      chapterId: this.chapter.id,
      sceneId: '',
      status: 'playing',
      step: earlier?.step ?? 0,
      flags: { ...earlier?.flags },
      relationships: { ...earlier?.relationships },
      history: [...(earlier?.history ?? [])],
      completedChapterIds: [...(earlier?.completedChapterIds ?? [])],
      ...carriedLook(earlier),
    };
    const passage = readPassage(this.story, this.chapter, begin);
    return this.standing({ ...base, inkState: JSON.stringify(passage.exit ? { ...begin, exit: passage.exit } : begin) }, passage);
  }

  resume(saved: StoryProgress): StoryProgress {
    if (saved.chapterId !== this.chapter.id) return this.start(saved);
    try {
      const save = parseSave(saved.inkState);
      if (!save) return this.start(saved);
      const passage = readPassage(this.story, this.chapter, save);
      return { ...saved, sceneId: passage.id, status: passage.status };
    } catch {
      // The story was republished and the saved state no longer fits it: start the chapter again.
      return this.start(saved);
    }
  }

  act(progress: StoryProgress, action: StoryAction, now: Date): ActionOutcome {
    try {
      return this.actOn(progress, action, now);
    } catch (error) {
      return { ok: false, refusal: { code: 'CONTENT_BROKEN', message: `The story cannot go on here: ${error instanceof Error ? error.message : String(error)}` } };
    }
  }

  view(progress: StoryProgress): SceneView {
    const save = parseSave(progress.inkState);
    if (!save) throw new Error(`progress in ink chapter ${this.chapter.id} has no ink state`);
    const passage = readPassage(this.story, this.chapter, save);
    return {
      sceneId: passage.id,
      status: passage.status,
      background: passage.stage.background,
      music: passage.stage.music,
      timeline: passage.steps,
      prompt: '',
      choices: passage.choices.map((c) => ({ id: c.id, text: c.text, cost: c.cost, locked: false, lockReason: '' })),
      ending: passage.status === 'ended' ? { title: this.chapter.title, text: '' } : null,
    };
  }

  private actOn(progress: StoryProgress, action: StoryAction, now: Date): ActionOutcome {
    const save = parseSave(progress.inkState);
    if (!save) return refuse('CONTENT_BROKEN', `Progress in chapter ${this.chapter.id} has no ink state`);
    const passage = readPassage(this.story, this.chapter, save);
    let next: InkSave;
    let chosen: { id: string; text: string; cost: number } | null = null;
    if (action.type === 'advance') {
      if (passage.status === 'ended') return refuse('CHAPTER_ENDED', 'This chapter has ended');
      if (passage.status === 'choice') return refuse('CHOICE_REQUIRED', 'Choose one of the options to go on');
      next = passage.next!;
    } else {
      const choice = passage.choices.find((c) => c.id === action.choiceId);
      if (!choice) return refuse('INVALID_CHOICE', `"${action.choiceId}" is not one of the options offered here`, { choiceId: action.choiceId });
      this.story.ChooseChoiceIndex(choice.index);
      next = { ink: this.story.state.ToJson(), stage: passage.stage };
      chosen = choice;
    }
    const following = readPassage(this.story, this.chapter, next);
    const completed = following.status === 'ended' && !progress.completedChapterIds.includes(this.chapter.id);
    const moved: StoryProgress = {
      ...progress,
      step: progress.step + 1,
      history: chosen ? [...progress.history, { chapterId: this.chapter.id, sceneId: progress.sceneId, choiceId: chosen.id, at: now.toISOString() }] : progress.history,
      completedChapterIds: completed ? [...progress.completedChapterIds, this.chapter.id] : progress.completedChapterIds,
      inkState: JSON.stringify(following.exit ? { ...next, exit: following.exit } : next),
    };
    return { ok: true, diamonds: chosen?.cost ?? 0, choice: chosen ? { id: chosen.id, text: chosen.text, cost: chosen.cost, nextSceneId: '' } : null, progress: this.standing(moved, following) };
  }

  /** Scene id, status, and the ink variables the player sees (read where the passage ends). */
  private standing(progress: StoryProgress, passage: InkPassage): StoryProgress {
    const flags = { ...progress.flags };
    const relationships = { ...progress.relationships };
    for (const name of this.variables) {
      const value = this.story.variablesState.$(name);
      if (typeof value === 'boolean') flags[name] = value;
      else if (typeof value === 'number' && name.startsWith('rel_') && name.length > 4) relationships[name.slice(4)] = value;
    }
    return { ...progress, sceneId: passage.id, status: passage.status, flags, relationships };
  }

  /** The chapter's first save: exactly where the chapter before left the story, or at its knot. */
  private beginning(earlier: StoryProgress | null): InkSave {
    const exit = parseSave(earlier?.inkState)?.exit;
    const own = ownKnot(this.chapter);
    if (exit && own !== null && exit.knot === own && this.chapter.number > 1) return { ink: exit.ink, stage: exit.stage };
    this.story.ResetState();
    if (this.chapter.startKnot === null) return { ink: this.story.state.ToJson(), stage: { background: '', music: '' } };
    // What the player did so far (ink's variables) carries over into a chapter started by its key.
    if (exit) this.story.state.LoadJson(exit.ink);
    this.story.ChoosePathString(this.chapter.startKnot);
    return { ink: this.story.state.ToJson(), stage: exit?.stage ?? { background: '', music: '' } };
  }
}

function refuse(code: string, message: string, details?: Record<string, unknown>): ActionOutcome {
  return { ok: false, refusal: { code, message, ...(details === undefined ? {} : { details }) } };
}
