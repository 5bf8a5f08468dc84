import type { Refusal } from '../../shared/room-error';

/** A rule's answer: a value, or a refusal in the REST error shape. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; refusal: Refusal };
