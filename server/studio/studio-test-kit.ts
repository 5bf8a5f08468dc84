/** Chapters and writers for the studio's tests. */
import { readJsonResponse } from '../../testing/json-response';

export interface SampleChapterOptions {
  number?: number;
  title?: string;
  /** Background of every scene (an asset path of the story), or none. */
  background?: string;
}

/**
 * A small chapter in the story format: opening → a choice (one option premium, 12 diamonds, sets
 * `gave_ring`) → closing, which ends it. Clean as it is; tests break it on purpose.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests reach deep into a chapter to break it
export function sampleChapter(options: SampleChapterOptions = {}): Record<string, any> {
  const bg = options.background === undefined ? {} : { background: options.background };
  return {
    chapterNumber: options.number ?? 1,
    title: options.title ?? 'Arrival',
    startSceneId: 'opening',
    scenes: {
      opening: { ...bg, timeline: [{ type: 'dialogue', character: 'Nell', text: 'You made it.' }], nextSceneId: 'crossroads' },
      crossroads: {
        ...bg,
        timeline: [{ type: 'dialogue', character: 'Nell', text: 'Choose how you begin.' }],
        choice: {
          prompt: 'What do you do?',
          options: [
            { id: 'choice_wait', text: 'Wait and watch.', nextSceneId: 'closing' },
            { id: 'choice_ring', text: 'Give her the brass ring', cost: 12, flag: 'gave_ring', nextSceneId: 'closing' },
          ],
        },
      },
      closing: { ...bg, timeline: [{ type: 'narration', text: 'The tide turns.' }], end: true },
    },
  };
}

/** What the kit needs of a test server: its `call`. */
interface Caller {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are whatever JSON the route sent
  call(method: string, path: string, options?: { body?: unknown; token?: string; headers?: Record<string, string> }): Promise<{ status: number; json: any; text: string }>;
}

let accounts = 0;

/** A new account with an email (a writer once it creates a story). */
export async function registerWriter(server: Caller, name = 'writer'): Promise<{ token: string; userId: string; displayName: string }> {
  const email = `${name}.${process.pid}.${++accounts}.${Date.now().toString(36)}@example.test`;
  const response = await server.call('POST', '/v1/auth/register', { body: { email, password: 'a long enough password', displayName: `${name} ${accounts}` } });
  if (response.status !== 201) throw new Error(`register: ${response.status} ${response.text}`);
  return { token: response.json.accessToken, userId: response.json.user.id, displayName: response.json.user.displayName };
}

export async function signInAsGuest(server: Caller): Promise<{ token: string; userId: string }> {
  const response = await server.call('POST', '/v1/auth/guest');
  return { token: response.json.accessToken, userId: response.json.user.id };
}

/** Raw bytes to a studio asset path, as a browser or curl uploads them (Content-Length set by fetch). */
export async function uploadAsset(server: { port: number }, token: string | undefined, storyId: string, path: string, bytes: Buffer, contentType: string) {
  const headers: Record<string, string> = { 'content-type': contentType };
  if (token) headers.authorization = `Bearer ${token}`;
  return readJsonResponse(await fetch(`http://127.0.0.1:${server.port}/v1/studio/stories/${storyId}/assets/${path}`, { method: 'PUT', headers, body: bytes }));
}

let stories = 0;

/** A story of `token`'s account, with a fresh id; returns its id. */
export async function createStory(server: Caller, token: string, fields: Record<string, unknown> = {}): Promise<string> {
  const id = `tide-${process.pid}-${++stories}`;
  const response = await server.call('POST', '/v1/studio/stories', { token, body: { id, title: 'The Tide Clock', description: 'A clock that keeps the sea.', genre: 'mystery', ...fields } });
  if (response.status !== 201) throw new Error(`create story: ${response.status} ${response.text}`);
  return response.json.story.id;
}

/** A new writer and a story of theirs. */
export async function writerWithStory(server: Caller): Promise<{ token: string; userId: string; displayName: string; storyId: string }> {
  const writer = await registerWriter(server);
  return { ...writer, storyId: await createStory(server, writer.token) };
}

/** A chapter upload as the studio's client sends it: JSON, or a source announced by its Content-Type (text/x-ink, text/x-twee, text/html). */
export function putChapter(server: Caller, token: string, storyId: string, chapterId: string, body: unknown, contentType?: string) {
  return server.call('PUT', `/v1/studio/stories/${storyId}/chapters/${chapterId}`, { token, body, ...(contentType ? { headers: { 'content-type': contentType } } : {}) });
}
