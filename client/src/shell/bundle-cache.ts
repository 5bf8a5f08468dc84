import type { AnyChapterBundle as ChapterBundle } from '../../../content-pipeline';
import { ApiFailure } from './api-failure';

// Bundle URLs carry their content hash, so a URL's bytes never change: keep them for the app's
// lifetime in memory, and let the HTTP cache serve repeats across reloads (force-cache).
const bundles = new Map<string, Promise<ChapterBundle>>();

export function loadChapterBundle(url: string): Promise<ChapterBundle> {
  let bundle = bundles.get(url);
  if (!bundle) {
    bundle = fetchBundle(url);
    bundles.set(url, bundle);
    // A failed download is not cached: the next attempt fetches again.
    bundle.catch(() => bundles.delete(url));
  }
  return bundle;
}

async function fetchBundle(url: string): Promise<ChapterBundle> {
  let response: Response;
  try {
    response = await fetch(url, { cache: 'force-cache', headers: { accept: 'application/json' } });
  } catch (error) {
    throw ApiFailure.network(error);
  }
  if (!response.ok) throw await ApiFailure.fromResponse(response);
  return (await response.json()) as ChapterBundle;
}
