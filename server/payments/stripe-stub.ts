import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StubRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  form: URLSearchParams;
}

/**
 * A local stand-in for api.stripe.com speaking just `POST /v1/checkout/sessions` (form-encoded, as
 * the SDK sends it), for tests that drive the real `stripe` SDK through STRIPE_API_BASE.
 */
export class StripeStub {
  readonly requests: StubRequest[] = [];
  /** Set to make the next session requests fail with this status. */
  failWith: number | null = null;
  private server: Server | null = null;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        const form = new URLSearchParams(body);
        this.requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, form });
        res.setHeader('content-type', 'application/json');
        if (req.method === 'POST' && req.url === '/v1/checkout/sessions' && this.failWith === null) {
          const id = `cs_test_${this.requests.length}`;
          const metadata = Object.fromEntries([...form].flatMap(([k, v]) => { const m = /^metadata\[(.+)\]$/.exec(k); return m ? [[m[1], v]] : []; }));
          res.end(JSON.stringify({ id, object: 'checkout.session', url: `https://checkout.stripe.test/c/pay/${id}`, mode: form.get('mode'), client_reference_id: form.get('client_reference_id'), metadata, payment_status: 'unpaid', status: 'open' }));
        } else {
          res.statusCode = this.failWith ?? 404;
          res.end(JSON.stringify({ error: { type: 'api_error', message: 'stubbed failure' } }));
        }
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  sessionRequests(): StubRequest[] {
    return this.requests.filter((r) => r.method === 'POST' && r.url === '/v1/checkout/sessions');
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
