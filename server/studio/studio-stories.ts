import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import type { StudioStory } from '../../api/studio';
import { checkAssetPath } from '../../content-pipeline';
import { Story, StudioAsset, type User } from '../database/entities';
import type { Clock } from '../shared/clock';
import { DomainError } from '../shared/domain-error';
import { slugFromTitle, withSuffix } from './story-slug';
import { studioStories } from './studio-views';
import { ownedStory, writerAccount } from './writer-access';

export interface StudioStoriesDeps {
  em: EntityManager;
  clock: Clock;
}

export interface NewStory {
  title: string;
  description: string;
  /** Already folded to a genre slug. */
  genre: string;
  id?: string | undefined;
}

export interface StoryChanges {
  title?: string | undefined;
  description?: string | undefined;
  genre?: string | undefined;
  cover?: string | null | undefined;
}

/** Tries at a free id for a story named after its title: the plain slug, then suffixed ones. */
const SLUG_ATTEMPTS = 8;

/** A writer's stories: create one, list them, read one, change its title, description, genre or cover. */
export class StudioStories {
  constructor(private readonly deps: StudioStoriesDeps) {}

  /**
   * A new story owned by the writer, unlisted until a chapter of it is released. An id the writer
   * chose must be free (STORY_ID_TAKEN); one made from the title gets a short suffix when taken.
   */
  async create(userId: string, input: NewStory): Promise<StudioStory> {
    const em = this.deps.em.fork();
    const writer = await writerAccount(em, userId);
    let id: string;
    if (input.id !== undefined) {
      id = input.id;
      if (!(await this.insert(em, id, input, writer))) throw storyIdTaken(id);
    } else {
      id = await this.insertNamedAfterTitle(em, input, writer);
    }
    return this.view(em, await em.findOneOrFail(Story, { id }));
  }

  async list(userId: string): Promise<StudioStory[]> {
    const em = this.deps.em.fork();
    const writer = await writerAccount(em, userId);
    const stories = await em.find(Story, { owner: writer.id }, { orderBy: { createdAt: 'desc', id: 'asc' } });
    return studioStories(em, stories, this.deps.clock.now());
  }

  async get(userId: string, storyId: string): Promise<StudioStory> {
    const em = this.deps.em.fork();
    const story = await ownedStory(em, storyId, await writerAccount(em, userId));
    return this.view(em, story);
  }

  /** Changes what is given; `cover` must be the path of an image uploaded to the story, or null to remove it. */
  async update(userId: string, storyId: string, changes: StoryChanges): Promise<StudioStory> {
    const em = this.deps.em.fork();
    const story = await ownedStory(em, storyId, await writerAccount(em, userId));
    const coverPath = changes.cover === undefined ? undefined : changes.cover === null ? null : await this.coverOf(em, storyId, changes.cover);
    if (changes.title !== undefined) story.title = changes.title;
    if (changes.description !== undefined) story.description = changes.description;
    if (changes.genre !== undefined) story.genre = changes.genre;
    if (coverPath !== undefined) story.coverPath = coverPath;
    story.updatedAt = this.deps.clock.now();
    await em.flush();
    return this.view(em, story);
  }

  private async view(em: EntityManager, story: Story): Promise<StudioStory> {
    const [view] = await studioStories(em, [story], this.deps.clock.now());
    return view!;
  }

  private async insertNamedAfterTitle(em: EntityManager, input: NewStory, writer: User): Promise<string> {
    const slug = slugFromTitle(input.title);
    for (let attempt = 0; attempt < SLUG_ATTEMPTS; attempt++) {
      const id = attempt === 0 ? slug : withSuffix(slug);
      if ((await em.count(Story, { id })) > 0) continue;
      if (await this.insert(em, id, input, writer)) return id;
    }
    // Eight taken ids in a row from random suffixes: something else is wrong; say so rather than loop.
    throw new DomainError('STORY_ID_TAKEN', `Could not find a free story id for "${input.title}"; choose one with "id"`, { suggested: slug });
  }

  /** False when a story already has the id (any story: from the studio or from CONTENT_DIR). */
  private async insert(em: EntityManager, id: string, input: NewStory, writer: User): Promise<boolean> {
    const now = this.deps.clock.now();
    try {
      await em.insert(Story, {
        id,
        title: input.title,
        description: input.description,
        genre: input.genre,
        coverPath: null,
        origin: 'studio',
        owner: writer.id,
        plays: 0,
        publishedAt: now,
        createdAt: now,
        // Readers never see a story without a chapter: it is listed when its first chapter is released.
        listed: false,
        updatedAt: now,
      });
      return true;
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) return false;
      throw error;
    }
  }

  private async coverOf(em: EntityManager, storyId: string, cover: string): Promise<string> {
    const verdict = checkAssetPath(cover);
    if (!verdict.ok) throw new DomainError('UNKNOWN_ASSET', `The cover path "${cover}" ${verdict.reason}`, { cover });
    const asset = await em.findOne(StudioAsset, { story: storyId, path: verdict.path });
    if (asset === null) {
      throw new DomainError('UNKNOWN_ASSET', `The story has no uploaded asset "${verdict.path}": upload it (PUT /v1/studio/stories/${storyId}/assets/${verdict.path}) before making it the cover`, { cover });
    }
    if (!asset.contentType.startsWith('image/')) {
      throw new DomainError('COVER_NOT_AN_IMAGE', `"${verdict.path}" is ${asset.contentType}, not an image`, { cover, contentType: asset.contentType });
    }
    return asset.path;
  }
}

function storyIdTaken(id: string): DomainError {
  return new DomainError('STORY_ID_TAKEN', `A story with the id "${id}" already exists; choose another id, or omit it to have one made from the title`, { storyId: id });
}
