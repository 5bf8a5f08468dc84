import { deviceStorage, readItem, writeItem, type DeviceStorage } from './device-storage';
import { parseReadingSettings, type ReadingSettings } from './reading-settings';

const KEY = 'storyverse.reading-settings';

/** The reading settings of this device; every change is saved at once. */
export class SettingsStore {
  private value: ReadingSettings;

  constructor(private readonly storage: DeviceStorage | null = deviceStorage()) {
    this.value = parseReadingSettings(readItem(storage, KEY));
  }

  get settings(): ReadingSettings {
    return this.value;
  }

  change(patch: Partial<ReadingSettings>): ReadingSettings {
    this.value = { ...this.value, ...patch };
    writeItem(this.storage, KEY, JSON.stringify(this.value));
    return this.value;
  }
}
