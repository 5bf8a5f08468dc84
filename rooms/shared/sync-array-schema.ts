import type { ArraySchema, Schema } from '@colyseus/schema';

/**
 * Makes `array` hold one item per value, rewriting the items already there instead of replacing the
 * array: only fields that changed go out in the next patch, and no Schema instances are built (each
 * costs a change tree and a set of property descriptors) for the lines a scene keeps.
 */
export function syncArraySchema<Item extends Schema, Value>(
  array: ArraySchema<Item>,
  values: readonly Value[],
  create: () => Item,
  write: (item: Item, value: Value) => void,
): void {
  while (array.length > values.length) array.pop();
  values.forEach((value, index) => {
    const existing = array.at(index);
    if (existing) return write(existing, value);
    const item = create();
    write(item, value);
    array.push(item);
  });
}
