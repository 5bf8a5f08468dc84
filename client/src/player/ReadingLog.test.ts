import { describe, expect, it } from 'vitest';
import { autoPlayDelay, parseReadingSettings } from './reading-settings';
import { ReadingLog } from './ReadingLog';
import { SettingsStore } from './SettingsStore';

function memoryStorage() {
  const items = new Map<string, string>();
  return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v), removeItem: (k: string) => void items.delete(k) };
}

const line = (text: string, speaker = '') => ({ speaker, text });

describe('ReadingLog (the line, the History and what was read, per device)', () => {
  it('comes back to the exact line of the same scene visit after a reload', () => {
    const storage = memoryStorage();
    const before = new ReadingLog('dead-air', storage);
    expect(before.beginVisit('ch2', 'radio', 7, false)).toBe(0);
    before.lineShown('ch2', 'radio', 0, line('Static.'));
    before.lineShown('ch2', 'radio', 2, line('Who is this?', 'Mags'));
    const after = new ReadingLog('dead-air', storage);
    expect(after.beginVisit('ch2', 'radio', 7, false)).toBe(2);
    expect(after.history).toEqual([line('Static.'), line('Who is this?', 'Mags')]);
    // The resumed line is not logged twice; the next one is.
    after.lineShown('ch2', 'radio', 2, line('Who is this?', 'Mags'));
    after.lineShown('ch2', 'radio', 3, line('A friend.'));
    expect(after.history.map((l) => l.text)).toEqual(['Static.', 'Who is this?', 'A friend.']);
  });

  it('starts a later visit of the same scene (another step) from its first line', () => {
    const log = new ReadingLog('s', memoryStorage());
    log.beginVisit('ch1', 'loop', 1, false);
    log.lineShown('ch1', 'loop', 3, line('Again.'));
    expect(log.beginVisit('ch1', 'loop', 4, false)).toBe(0);
  });

  it('keeps the line when a name or an outfit saves a step while the scene stays on screen', () => {
    const storage = memoryStorage();
    const log = new ReadingLog('s', storage);
    log.beginVisit('ch1', 'intro', 0, true);
    log.stepMoved('ch1', 'intro', 1);
    log.lineShown('ch1', 'intro', 1, line('Welcome, Ione.'));
    expect(new ReadingLog('s', storage).beginVisit('ch1', 'intro', 1, true)).toBe(1);
    // Another scene's step is not this visit's.
    log.stepMoved('ch1', 'elsewhere', 2);
    expect(new ReadingLog('s', storage).beginVisit('ch1', 'intro', 1, true)).toBe(1);
  });

  it('comes back to the choices of a scene read through (e.g. from the store)', () => {
    const storage = memoryStorage();
    const log = new ReadingLog('s', storage);
    log.beginVisit('ch1', 'fork', 2, false);
    log.reachedEnd(5);
    expect(new ReadingLog('s', storage).beginVisit('ch1', 'fork', 2, false)).toBe(5);
  });

  it('keeps the History for the chapter only, and remembers read lines across chapters', () => {
    const log = new ReadingLog('s', memoryStorage());
    log.beginVisit('ch1', 'a', 0, true);
    log.lineShown('ch1', 'a', 0, line('One.'));
    log.beginVisit('ch1', 'b', 1, false);
    log.lineShown('ch1', 'b', 0, line('Two.'));
    expect(log.history.map((l) => l.text)).toEqual(['One.', 'Two.']);
    log.beginVisit('ch2', 'c', 2, true);
    expect(log.history).toEqual([]);
    expect(log.wasRead('ch1', 'b', 0)).toBe(true);
    expect(log.wasRead('ch1', 'b', 1)).toBe(false);
  });

  it('survives storage it cannot read or use', () => {
    const broken = { getItem: () => '{nope', setItem: () => { throw new Error('full'); }, removeItem: () => undefined };
    const log = new ReadingLog('s', broken);
    expect(log.beginVisit('ch1', 'a', 0, false)).toBe(0);
    log.lineShown('ch1', 'a', 0, line('Still here.'));
    expect(log.history).toEqual([line('Still here.')]);
    expect(new ReadingLog('s', null).history).toEqual([]);
  });
});

describe('reading settings', () => {
  it('are remembered per device, unknown stored values falling back to defaults', () => {
    const storage = memoryStorage();
    new SettingsStore(storage).change({ textSpeed: 'fast', autoPlay: true });
    expect(new SettingsStore(storage).settings).toEqual({ textSpeed: 'fast', autoPlay: true, autoSpeed: 'normal', skipRead: false });
    expect(parseReadingSettings('{"textSpeed":"warp","autoPlay":"yes","skipRead":true}')).toEqual({ textSpeed: 'normal', autoPlay: false, autoSpeed: 'normal', skipRead: true });
    expect(parseReadingSettings('[1]').textSpeed).toBe('normal');
  });

  it('give auto-play longer for longer lines and less at a faster speed', () => {
    expect(autoPlayDelay('A much longer line of dialogue.', 'normal')).toBeGreaterThan(autoPlayDelay('Hi.', 'normal'));
    expect(autoPlayDelay('Hi.', 'fast')).toBeLessThan(autoPlayDelay('Hi.', 'slow'));
  });
});
