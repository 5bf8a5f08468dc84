import { inkImporter } from './ink/ink-importer';
import type { StoryImporter } from './story-importer';
import { twineImporter } from './twine/twine-importer';

// Every source format StoryVerse imports, chosen by the file's extension. Add an importer here.
export const IMPORTERS: readonly StoryImporter[] = [inkImporter, twineImporter];

export function importerFor(fileName: string, importers: readonly StoryImporter[] = IMPORTERS): StoryImporter | undefined {
  const lower = fileName.toLowerCase();
  return importers.find((importer) => importer.extensions.some((extension) => lower.endsWith(extension)));
}

export function supportedExtensions(importers: readonly StoryImporter[] = IMPORTERS): string[] {
  return importers.flatMap((importer) => importer.extensions);
}
