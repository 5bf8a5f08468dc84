import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseRecording, RecordingError, type Recording } from './recording-format';

/**
 * Reads the recordings named on the command line: files as given, folders searched (recursively)
 * for *.jsonl, in name order so a run is reproducible. Any bad file stops the load with a
 * RecordingError naming it.
 */
export async function loadRecordings(paths: readonly string[]): Promise<Recording[]> {
  const files: string[] = [];
  for (const path of paths) {
    let info;
    try {
      info = await stat(path);
    } catch {
      throw new RecordingError(path, 0, 'no such file or folder');
    }
    if (info.isDirectory()) files.push(...(await jsonlFilesIn(path)));
    else files.push(path);
  }
  if (files.length === 0) throw new RecordingError(paths.join(', '), 0, 'no recordings (*.jsonl) found');
  return Promise.all(files.map(async (file) => parseRecording(await readFile(file, 'utf8'), file)));
}

async function jsonlFilesIn(folder: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) found.push(...(await jsonlFilesIn(path)));
    else if (entry.isFile() && entry.name.endsWith('.jsonl')) found.push(path);
  }
  return found.sort();
}
