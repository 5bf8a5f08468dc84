import { element, uniqueId } from './dom';
import { AUTO_SPEEDS, TEXT_SPEEDS, type ReadingSettings } from './reading-settings';

export interface Meter {
  name: string;
  value: number;
}

export interface PauseMenuActions {
  settings: ReadingSettings;
  change(patch: Partial<ReadingSettings>): void;
  relationships: readonly Meter[];
  keepReading(): void;
  history(): void;
  /** Absent: no "Back to the library". */
  library?(): void;
}

const SPEED_NAMES: Record<string, string> = { slow: 'Slow', normal: 'Normal', fast: 'Fast', instant: 'Instant' };
/** Relationships start at 0 and move a point or two a choice; a meter shows 0–10 (the number says the rest). */
const METER_MAX = 10;

/** The pause menu's content: what to do next, the reading settings, and where the relationships stand. */
export function renderPauseMenu(body: HTMLElement, actions: PauseMenuActions): void {
  const buttons = element('div', 'sv-menu__actions');
  buttons.append(action('Keep reading', actions.keepReading, 'sv-menu__primary'), action('History', actions.history));
  if (actions.library) buttons.append(action('Back to the library', actions.library));

  const settings = element('fieldset', 'sv-menu__settings');
  settings.append(element('legend', 'sv-menu__legend', 'Settings'));
  settings.append(
    select('Text speed', TEXT_SPEEDS, actions.settings.textSpeed, (textSpeed) => actions.change({ textSpeed })),
    checkbox('Auto-play', actions.settings.autoPlay, (autoPlay) => actions.change({ autoPlay })),
    select('Auto-play speed', AUTO_SPEEDS, actions.settings.autoSpeed, (autoSpeed) => actions.change({ autoSpeed })),
    checkbox('Skip lines already read', actions.settings.skipRead, (skipRead) => actions.change({ skipRead })),
  );

  body.append(buttons, settings);
  if (actions.relationships.length > 0) body.append(meters(actions.relationships));
}

function action(label: string, run: () => void, extra = ''): HTMLButtonElement {
  const button = element('button', `sv-menu__button ${extra}`.trim(), label);
  button.type = 'button';
  button.addEventListener('click', run);
  return button;
}

function select<T extends string>(label: string, values: readonly T[], current: T, onChange: (value: T) => void): HTMLElement {
  const row = element('div', 'sv-menu__row');
  const control = element('select', 'sv-menu__select');
  control.id = uniqueId('sv-setting');
  for (const value of values) {
    const option = element('option', '', SPEED_NAMES[value] ?? value);
    option.value = value;
    option.selected = value === current;
    control.append(option);
  }
  control.addEventListener('change', () => onChange(control.value as T));
  const name = element('label', 'sv-menu__label', label);
  name.htmlFor = control.id;
  row.append(name, control);
  return row;
}

function checkbox(label: string, checked: boolean, onChange: (checked: boolean) => void): HTMLElement {
  const row = element('label', 'sv-menu__row sv-menu__check');
  const control = element('input', 'sv-menu__checkbox');
  control.type = 'checkbox';
  control.checked = checked;
  control.addEventListener('change', () => onChange(control.checked));
  row.append(control, element('span', 'sv-menu__label', label));
  return row;
}

function meters(relationships: readonly Meter[]): HTMLElement {
  const section = element('section', 'sv-menu__relationships');
  const title = element('h3', 'sv-menu__legend', 'Relationships');
  title.id = uniqueId('sv-rel');
  section.setAttribute('aria-labelledby', title.id);
  const list = element('ul', 'sv-meters');
  for (const { name, value } of relationships) {
    const item = element('li', 'sv-meter');
    const meter = element('meter', 'sv-meter__bar');
    meter.min = 0;
    meter.max = METER_MAX;
    meter.value = Math.max(0, Math.min(METER_MAX, value));
    meter.id = uniqueId('sv-meter');
    const label = element('label', 'sv-meter__name', name);
    label.htmlFor = meter.id;
    item.append(label, meter, element('span', 'sv-meter__value', String(value)));
    list.append(item);
  }
  section.append(title, list);
  return section;
}
