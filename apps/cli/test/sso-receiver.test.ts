import { describe, expect, it } from 'vitest';
import { startLoopbackReceiver } from '../src/sso-receiver.js';

const STATE = 'state-0123456789abcdef';

describe('the SSO loopback receiver', () => {
  it('refuses a callback with another state, then takes the right one and says the window can close', async () => {
    const receiver = await startLoopbackReceiver(STATE, 10_000);
    try {
      let code: string | undefined;
      void receiver.code.then((c) => (code = c));
      const base = `http://127.0.0.1:${receiver.port}`;

      const forged = await fetch(`${base}/callback?code=attacker-code&state=someone-elses-state`);
      expect(forged.status).toBe(400);
      expect(await forged.text()).toContain('not started by the pitrix login');
      const missing = await fetch(`${base}/callback?code=x`);
      expect(missing.status).toBe(400);
      const elsewhere = await fetch(`${base}/favicon.ico`);
      expect(elsewhere.status).toBe(404);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(code).toBeUndefined();

      const right = await fetch(`${base}/callback?code=the-one-time-code&state=${STATE}`);
      expect(right.status).toBe(200);
      expect(right.headers.get('content-type')).toContain('text/html');
      expect(right.headers.get('referrer-policy')).toBe('no-referrer');
      expect(await right.text()).toContain('you can close this window');
      await expect(receiver.code).resolves.toBe('the-one-time-code');
    } finally {
      await receiver.close();
    }
  });

  it('stops listening once the code arrived', async () => {
    const receiver = await startLoopbackReceiver(STATE, 10_000);
    await fetch(`http://127.0.0.1:${receiver.port}/callback?code=c&state=${STATE}`);
    await receiver.code;
    await expect(fetch(`http://127.0.0.1:${receiver.port}/callback?code=again&state=${STATE}`)).rejects.toThrow();
    await receiver.close();
  });

  it('gives up after its timeout', async () => {
    const receiver = await startLoopbackReceiver(STATE, 100);
    await expect(receiver.code).rejects.toMatchObject({ code: 'AUTH.UNAUTHENTICATED', message: expect.stringContaining('pitrix login --sso again') });
    await receiver.close();
  });
});
