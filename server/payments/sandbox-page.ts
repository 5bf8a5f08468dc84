import type { Purchase } from '../database/entities';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The page's only styles, inline so the sandbox needs no extra route; the CSP allows exactly this
 * text by its hash (server/http/configure-http-app.ts), so keep it a constant.
 */
export const SANDBOX_PAGE_STYLE = `
  body { font-family: system-ui, sans-serif; background: #14121c; color: #f3eee6; display: grid; place-items: center; min-height: 100vh; margin: 0; }
  main { max-width: 26rem; padding: 2rem; border: 3px dashed #e8b04a; border-radius: 1rem; background: #1f1b2b; }
  .banner { background: #e8b04a; color: #14121c; font-weight: 700; padding: .5rem .75rem; border-radius: .5rem; text-align: center; letter-spacing: .02em; }
  form { display: inline-block; margin: 1rem .5rem 0 0; }
  button { font: inherit; padding: .6rem 1.2rem; border-radius: .5rem; border: 1px solid #8a82a6; background: #2c2640; color: inherit; cursor: pointer; }
  button.pay { background: #3c8d5a; border-color: #3c8d5a; }
  a { color: #e8b04a; }
`;

export function formatPrice(amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency: currency.toUpperCase() }).format(amount / 100);
  } catch {
    return `${(amount / 100).toFixed(2)} ${currency.toUpperCase()}`;
  }
}

/** The sandbox's checkout page: unmistakably not a real payment. */
export function sandboxPage(purchase: Purchase, title: string): string {
  const id = escape(purchase.id);
  const open = purchase.status === 'pending';
  const actions = open
    ? `<form method="post" action="/v1/store/sandbox/${id}/complete"><button type="submit" class="pay">Complete purchase</button></form>
       <form method="post" action="/v1/store/sandbox/${id}/cancel"><button type="submit">Cancel</button></form>`
    : `<p>This purchase is <strong>${escape(purchase.status)}</strong>.</p><p><a href="/#/store">Back to the store</a></p>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sandbox checkout — no money moves</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<style>${SANDBOX_PAGE_STYLE}</style></head>
<body><main>
  <p class="banner" role="note">Sandbox — no money moves</p>
  <h1>${escape(title)}</h1>
  <p>${purchase.diamonds} 💎 for ${escape(formatPrice(purchase.priceAmount, purchase.currency))}</p>
  <p>This server has no Stripe key, so this page stands in for Stripe Checkout. Completing it grants the diamonds through the same code that handles Stripe's payment webhooks.</p>
  ${actions}
</main></body></html>`;
}
