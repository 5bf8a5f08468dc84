/** `GET /v1/inventory` (Bearer): keys regenerated up to now, and diamonds. */
export interface Inventory {
  keys: number;
  keysCap: number;
  /** ISO 8601 time of the next regenerated key; null when keys are at the cap. */
  nextKeyAt: string | null;
  diamonds: number;
}
