import { Hono } from 'hono';
import type { AppEnv } from '../http/context';
import { kickStripeInbox } from './process-stripe-inbox';
import { receiveStripeEvent } from './receive-stripe-event';

export const STRIPE_WEBHOOK_PATH = '/webhooks/stripe';

/**
 * Stripe's deliveries. The answer is the acknowledgement only: 200 once the event is stored (or
 * was stored by an earlier delivery), 400 for what Stripe should not send again as it is, and
 * 5xx only when storing failed, so Stripe retries exactly what we have not kept.
 */
export function webhookRoutes() {
  const app = new Hono<AppEnv>();

  app.post(STRIPE_WEBHOOK_PATH, async (c) => {
    const deps = c.get('deps');
    // The raw text, untouched: the signature is over these exact bytes.
    const body = await c.req.text();
    const received = await receiveStripeEvent(deps.db, { body, signature: c.req.header('stripe-signature') }, deps);
    // A new event is applied right after the answer (waitUntil on Workers); a repeated
    // delivery needs nothing: its first delivery started the work, and the scheduler retries.
    if (received.stored) kickStripeInbox(deps, received.id);
    return c.json({ received: true, id: received.id, duplicate: !received.stored });
  });

  return app;
}
