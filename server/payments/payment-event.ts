import { z } from 'zod';

/**
 * The part of a Stripe event the store acts on. Webhooks deliver real Stripe events; the sandbox
 * builds events of the same shape, so both go through one code path (PaymentEventProcessor).
 */
export interface PaymentEventInput {
  id: string;
  type: string;
  data: { object: unknown };
}

/** What processing an event did, as stored beside it in payment_events. */
export type EventOutcome =
  | 'granted'
  | 'granted_then_reversed'
  | 'already_granted'
  | 'awaiting_payment'
  | 'failed'
  | 'refunded'
  | 'partially_refunded'
  | 'already_reversed'
  | 'reversal_recorded'
  | 'unknown_purchase'
  | 'ignored';

export interface ProcessedEvent {
  eventId: string;
  outcome: EventOutcome;
  /** True when the event had been received before: nothing was done again. */
  duplicate: boolean;
  purchaseId: string | null;
}

/** A Stripe id, or an expanded object carrying one (`payment_intent` can be either). */
const idRef = z
  .union([z.string(), z.object({ id: z.string() }).passthrough()])
  .nullish()
  .transform((value) => (value === null || value === undefined ? null : typeof value === 'string' ? value : value.id));

export const checkoutSessionSchema = z
  .object({
    id: z.string().min(1),
    payment_status: z.string().nullish(),
    client_reference_id: z.string().nullish(),
    payment_intent: idRef,
    amount_total: z.number().int().nullish(),
    currency: z.string().nullish(),
  })
  .passthrough();

export const chargeSchema = z
  .object({
    id: z.string().min(1),
    payment_intent: idRef,
    amount: z.number().int().nonnegative().default(0),
    amount_refunded: z.number().int().nonnegative().default(0),
  })
  .passthrough();

export const disputeSchema = z
  .object({
    id: z.string().min(1),
    status: z.string(),
    payment_intent: idRef,
    charge: idRef,
  })
  .passthrough();

export type CheckoutSessionObject = z.infer<typeof checkoutSessionSchema>;
