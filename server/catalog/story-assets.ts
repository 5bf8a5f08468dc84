import { isAbsolute, relative, resolve, sep } from 'node:path';
import { posix } from 'node:path';

/**
 * The files one story may serve: only the assets its content references, and only inside its
 * folder. A request names a path; anything else (other files, "..", absolute paths) is refused.
 */
export class StoryAssets {
  private readonly allowed: ReadonlySet<string>;

  constructor(
    readonly dir: string,
    assets: readonly string[],
  ) {
    this.allowed = new Set(assets.map((path) => posix.normalize(path)));
  }

  /** The absolute file for a requested relative path, or undefined when it may not be served. */
  resolve(relPath: string): string | undefined {
    if (relPath.includes('\\') || relPath.includes('\0')) return undefined;
    const normalized = posix.normalize(relPath);
    if (!this.allowed.has(normalized)) return undefined;
    const absolute = resolve(this.dir, normalized);
    const inside = relative(this.dir, absolute);
    // Belt and braces: even a listed path must land inside the story folder.
    if (inside === '' || inside.startsWith('..' + sep) || inside === '..' || isAbsolute(inside)) return undefined;
    return absolute;
  }
}
