import Stripe from 'stripe';
import type { Config } from '../config';

const clients = new WeakMap<Config, Stripe | null>();

/**
 * The payments port: a Stripe client when the keys are configured, else null (the donation page
 * then offers a bank transfer with EPC-QR only). One client per config; it talks through fetch,
 * so the same client runs on Node and on Workers. STRIPE_API_URL points it at a local fake.
 */
export function stripeFor(config: Config): Stripe | null {
  if (clients.has(config)) return clients.get(config)!;
  let client: Stripe | null = null;
  if (config.STRIPE_SECRET_KEY) {
    const api = config.STRIPE_API_URL ? new URL(config.STRIPE_API_URL) : null;
    client = new Stripe(config.STRIPE_SECRET_KEY, {
      httpClient: Stripe.createFetchHttpClient(),
      maxNetworkRetries: 2,
      timeout: 20_000,
      ...(api
        ? { host: api.hostname, port: Number(api.port || (api.protocol === 'https:' ? 443 : 80)), protocol: api.protocol.replace(':', '') as 'http' | 'https' }
        : {}),
    });
  }
  clients.set(config, client);
  return client;
}

/** Verifies webhook signatures with WebCrypto: works on Node and Workers alike. */
export const webhookCrypto = Stripe.createSubtleCryptoProvider();
