import Stripe from 'stripe';
import { z } from 'zod';
import type { Deps, Executor } from '../deps';
import { AppError, msg } from '../http/errors';
import { webhookCrypto } from './stripe-client';
import { insertStripeEvent } from './webhook-queries';

/** Stripe's own default: a signature older than five minutes is a replay, not a delivery. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** The fields the inbox needs; the rest of the event stays in the stored raw body. */
const eventEnvelope = z.object({
  id: z.string().regex(/^evt_\w+$/),
  type: z.string().min(1).max(200),
  created: z.number().int().positive(),
  data: z.object({ object: z.object({}).passthrough() }).passthrough(),
});

export interface ReceivedStripeEvent {
  id: string;
  type: string;
  /** false: this event was stored by an earlier delivery; nothing changed */
  stored: boolean;
}

/**
 * One webhook delivery: verify the signature on the raw body, check the envelope, and store the
 * event in the inbox. Nothing else happens here — processing is the inbox processor's — so the
 * acknowledgement costs one HMAC and one insert.
 */
export async function receiveStripeEvent(
  db: Executor,
  input: { body: string; signature: string | undefined },
  deps: Pick<Deps, 'payments' | 'config' | 'clock'>,
): Promise<ReceivedStripeEvent> {
  const stripe = deps.payments;
  const secret = deps.config.STRIPE_WEBHOOK_SECRET;
  if (!stripe || !secret) {
    throw new AppError(
      'not_found',
      msg(
        'Online-Zahlungen mit Stripe sind nicht eingerichtet (STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET); dieser Webhook nimmt nichts an.',
        'Online payment with Stripe is not set up (STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET); this webhook accepts nothing.',
      ),
    );
  }
  if (!input.signature) {
    throw new AppError('bad_request', msg('Der Header Stripe-Signature fehlt.', 'The Stripe-Signature header is missing.'));
  }
  const now = deps.clock.now();
  let verified: unknown;
  try {
    // receivedAt (ms) from our clock, so the 300 s window is measured on the same time as
    // everything else (and tests with a fixed clock can send stale and fresh deliveries).
    verified = await stripe.webhooks.constructEventAsync(input.body, input.signature, secret, SIGNATURE_TOLERANCE_SECONDS, webhookCrypto, now.getTime());
  } catch (error) {
    throw rejection(error);
  }
  const parsed = eventEnvelope.safeParse(verified);
  if (!parsed.success) {
    throw new AppError(
      'bad_request',
      msg('Der Inhalt ist kein Stripe-Ereignis (id evt_…, type, created, data.object).', 'The body is not a Stripe event (id evt_…, type, created, data.object).'),
    );
  }
  const event = parsed.data;
  const stored = await insertStripeEvent(db, {
    id: event.id,
    type: event.type,
    stripeCreatedAt: new Date(event.created * 1000),
    payload: input.body,
    receivedAt: now,
  });
  return { id: event.id, type: event.type, stored };
}

/** Why a delivery is refused, in words an admin reading Stripe's delivery log understands. */
function rejection(error: unknown): AppError {
  if (error instanceof SyntaxError) {
    return new AppError('bad_request', msg('Die Signatur stimmt, aber der Inhalt ist kein gültiges JSON.', 'The signature is valid, but the body is not valid JSON.'));
  }
  if (error instanceof Stripe.errors.StripeSignatureVerificationError) {
    if (/tolerance/i.test(error.message)) {
      return new AppError(
        'bad_request',
        msg(
          `Der Zeitstempel der Signatur ist älter als ${SIGNATURE_TOLERANCE_SECONDS} Sekunden (Wiederholung oder falsch gehende Uhr).`,
          `The signature's timestamp is older than ${SIGNATURE_TOLERANCE_SECONDS} seconds (a replay, or a clock that is off).`,
        ),
      );
    }
    if (/timestamp and signatures|expected scheme/i.test(error.message)) {
      return new AppError('bad_request', msg('Der Header Stripe-Signature ist unlesbar (t=…,v1=… erwartet).', 'The Stripe-Signature header is unreadable (expected t=…,v1=…).'));
    }
    if (/no webhook payload/i.test(error.message)) {
      return new AppError('bad_request', msg('Die Anfrage hat keinen Inhalt.', 'The request has no body.'));
    }
    return new AppError(
      'bad_request',
      msg(
        'Die Signatur passt nicht zum Inhalt (falsches Webhook-Secret oder veränderter Inhalt).',
        'The signature does not match the body (wrong webhook secret, or the body was altered).',
      ),
    );
  }
  throw error;
}
