/**
 * What the studio tells after committing a publish: release what is due now, re-arm the release
 * timer and tell every process (implemented by ChapterReleases, server/studio/chapter-releases.ts).
 */
export interface ReleaseNotifier {
  published(): Promise<void>;
}
