import { $changes, ChangeTree, Schema } from '@colyseus/schema';

/** Where @colyseus/schema 3.0 (pinned) keeps a class's field descriptors in its metadata; not exported. */
const DESCRIPTORS = '~descriptors';

type Descriptors = PropertyDescriptorMap;
type SchemaClass = { [Symbol.metadata]?: Record<string, unknown> };

/**
 * @colyseus/schema gives every instance its own getter and setter for each synced field:
 * `Schema.initialize` runs `Object.defineProperties` over the class's descriptors for each new
 * instance — a story room's state and its ~10 lines and options spent ~40 % of their construction
 * there, and every join builds them. Installed, the accessors are defined once on each class's
 * prototype instead; they are the same functions, storing each value in the same `_field` property
 * of the instance, so encoding, change tracking and the bytes sent are unchanged (the tests compare
 * them). Only classes whose fields have accessors (the server's state classes) are moved; a
 * decoder's reflected classes keep the library's own way. Once per process; the game server installs it.
 */
export function installPrototypeSchemaFields(): void {
  if (restore) return;
  const original = Schema.initialize;
  const prepared = new WeakMap<object, Descriptors>();
  Schema.initialize = function initialize(instance: Schema): void {
    const descriptors = (instance.constructor as SchemaClass)[Symbol.metadata]?.[DESCRIPTORS] as Descriptors | undefined;
    if (!descriptors || !hasAccessors(descriptors)) return original.call(Schema, instance);
    Object.defineProperty(instance, $changes, { value: new ChangeTree(instance), enumerable: false, writable: true });
    const prototype = Object.getPrototypeOf(instance) as object;
    // A class's descriptors are complete once it is defined; a subclass has its own prototype and descriptors.
    if (prepared.get(prototype) !== descriptors) {
      Object.defineProperties(prototype, descriptors);
      prepared.set(prototype, descriptors);
    }
  };
  restore = () => {
    Schema.initialize = original;
    restore = null;
  };
}

/** Back to the library's own instance accessors (tests compare the two). */
export function uninstallPrototypeSchemaFields(): void {
  restore?.();
}

let restore: (() => void) | null = null;

const accessorClasses = new WeakMap<Descriptors, boolean>();

function hasAccessors(descriptors: Descriptors): boolean {
  let known = accessorClasses.get(descriptors);
  if (known === undefined) accessorClasses.set(descriptors, (known = Object.values(descriptors).some((d) => typeof d.get === 'function')));
  return known;
}
