import type { RequestHandler } from 'express';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { registerLiveHeapGauge } from './live-heap-gauge';

/** One Prometheus registry per server instance, with process metrics and HTTP request metrics. */
export class Metrics {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'storyverse_http_requests_total',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  private readonly duration = new Histogram({
    name: 'storyverse_http_request_duration_seconds',
    help: 'HTTP request duration by method and route',
    labelNames: ['method', 'route'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  constructor(defaultLabels: Record<string, string> = {}) {
    this.registry.setDefaultLabels(defaultLabels);
    collectDefaultMetrics({ register: this.registry, prefix: 'storyverse_' });
    registerLiveHeapGauge(this.registry, 'storyverse_');
  }

  /** Records every request under its route pattern (not the raw path, which would explode label sets). */
  readonly middleware: RequestHandler = (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const route = routeLabel(req.baseUrl, (req.route as { path?: string } | undefined)?.path, res.statusCode);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      this.requests.inc({ method: req.method, route, status: String(res.statusCode) });
      this.duration.observe({ method: req.method, route }, seconds);
    });
    next();
  };

  readonly handler: RequestHandler = (_req, res, next) => {
    this.registry.metrics().then((text) => {
      res.setHeader('Content-Type', this.registry.contentType);
      res.send(text);
    }, next);
  };
}

function routeLabel(baseUrl: string, routePath: string | undefined, status: number): string {
  if (routePath) return `${baseUrl}${routePath}`;
  return status === 404 ? 'unmatched' : 'other';
}
