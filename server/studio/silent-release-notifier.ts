import type { ReleaseNotifier } from './release-notifier';

/** Tells no one: for a process where nothing releases chapters to readers (until branch `releases` wires ChapterReleases). */
export const silentReleaseNotifier: ReleaseNotifier = {
  published: async () => undefined,
};
