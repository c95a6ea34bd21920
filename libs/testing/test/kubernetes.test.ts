import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startTestKubernetes } from '../src/kubernetes.js';

describe('startTestKubernetes', () => {
  it('starts a private control plane that kubectl reaches as the admin, and removes it on stop', async () => {
    const kubernetes = await startTestKubernetes();
    try {
      const nodes = JSON.parse(await kubernetes.kubectl(['get', 'nodes', '-o', 'json'])) as { items: Array<{ metadata: { name: string } }> };
      expect(nodes.items.map((node) => node.metadata.name)).toEqual(kubernetes.nodeNames);
      await expect(kubernetes.kubectl(['get', 'no-such-kind'])).rejects.toThrow(/no-such-kind/);
      expect(existsSync(kubernetes.helmBinary)).toBe(true);
    } finally {
      await kubernetes.stop();
    }
    expect(existsSync(kubernetes.dir)).toBe(false);
    expect(kubernetes.processes.every((child) => !child.isAlive())).toBe(true);
  });
});
