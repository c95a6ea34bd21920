import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What the dashboard's pages may load: only this origin's scripts (no inline script, no eval), its
 * own styles (Mantine and React Flow set style attributes, hence 'unsafe-inline' for styles only),
 * images from here or https (app icons live in their repositories), and the API on this origin.
 */
export const DASHBOARD_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: https:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Paths the API itself answers; everything else is the dashboard. */
const API_PATHS = /^\/(graphql|auth)(\/|$)/;

/** The built dashboard of this checkout: apps/dashboard/dist beside this app (from src or dist). */
function defaultDashboardDir(): string {
  return join(__dirname, '..', '..', '..', 'dashboard', 'dist');
}

function securityHeaders(res: Response): void {
  res.setHeader('content-security-policy', DASHBOARD_CONTENT_SECURITY_POLICY);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'same-origin');
  res.setHeader('x-frame-options', 'DENY');
}

/**
 * Serves the built dashboard on the API's own origin, so its session cookie and WebSocket need no
 * CORS: hashed assets cached for good, any other GET that wants HTML answered with index.html (the
 * router draws the page). Returns the folder served, or undefined when there is no built dashboard.
 */
export function serveDashboard(app: NestExpressApplication, configuredDir: string): string | undefined {
  const dir = configuredDir || defaultDashboardDir();
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return undefined;
  const assets = express.static(dir, {
    index: false,
    redirect: false,
    setHeaders: (res, path) => {
      securityHeaders(res);
      res.setHeader('cache-control', path.includes(`${join(dir, 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || API_PATHS.test(req.path)) return next();
    assets(req, res, () => {
      if (!req.accepts('html') || req.path.startsWith('/assets/')) return next();
      securityHeaders(res);
      res.setHeader('cache-control', 'no-cache');
      res.sendFile(index);
    });
  });
  return dir;
}
