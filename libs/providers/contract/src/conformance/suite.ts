import { hasErrorCode } from '@pitrix/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProviderSession, RunInstanceRequest } from '../contract.js';
import type { ConformanceHarness } from './harness.js';
import { describeOptionChecks } from './option-checks.js';

/**
 * The conformance suite every provider must pass: idempotent creates by client token, state that
 * survives a restart of the caller, deletes that tolerate what is gone, lifecycle transitions,
 * clear errors for a bad zone, a bad network and quotas, and runtime options described truthfully.
 */
export function describeProviderConformance(label: string, setup: () => Promise<ConformanceHarness>): void {
  describe(`provider conformance: ${label}`, () => {
    let harness: ConformanceHarness;
    let session: ProviderSession;
    let counter = 0;
    const request = (overrides: Partial<RunInstanceRequest> = {}): RunInstanceRequest => ({
      clientToken: `task-conformance-${Date.now()}-${++counter}`,
      name: `conformance-${counter}`,
      cpu: 1,
      memoryMiB: 256,
      networkId: placementNetwork,
      agent: harness.agent,
      tags: { suite: 'conformance' },
      ...overrides,
    });
    let placementNetwork = '';

    beforeAll(async () => {
      harness = await setup();
      session = await harness.provider.connect(harness.context);
      placementNetwork = (await session.placeCluster({})).networkId;
    });
    afterAll(async () => {
      await session?.close();
      await harness?.cleanup();
    });

    describeOptionChecks(() => ({ optionFields: harness.provider.optionFields, context: harness.context, connect: (context) => harness.provider.connect(context) }));

    it('run with the same client token twice returns the same instance, created once', async () => {
      const req = request();
      const [first, second] = [await session.runInstance(req), await session.runInstance(req)];
      expect(first.created).toBe(true);
      expect(second.created).toBe(false);
      expect(second.instance.id).toBe(first.instance.id);
      const found = await session.describeInstances({ clientTokens: [req.clientToken] });
      expect(found.instances.map((i) => i.id)).toEqual([first.instance.id]);
      expect(first.instance.status).toBe('running');
      expect(await harness.agentRunning(first.instance.id)).toBe(true);
    });

    it('concurrent runs with the same token still create exactly one instance', async () => {
      const req = request();
      const results = await Promise.all([session.runInstance(req), session.runInstance(req), session.runInstance(req)]);
      expect(new Set(results.map((r) => r.instance.id)).size).toBe(1);
      expect(results.filter((r) => r.created)).toHaveLength(1);
    });

    it('different tokens give different instances with different private addresses', async () => {
      const [a, b] = await Promise.all([session.runInstance(request()), session.runInstance(request())]);
      expect(a.instance.id).not.toBe(b.instance.id);
      expect(a.instance.privateIp).not.toBe(b.instance.privateIp);
    });

    // What a `mapped` provider boots for an image is its own: its tests check the mapping.
    it('runs an instance for a role with a container image; a provider that ignores the image boots what it boots without one', async () => {
      const [plain, contained] = [await session.runInstance(request()), await session.runInstance(request({ containerImage: 'conformance/app:1.0' }))];
      expect(contained).toMatchObject({ created: true, instance: { status: 'running' } });
      expect(await harness.agentRunning(contained.instance.id)).toBe(true);
      expect(['ignored', 'mapped']).toContain(harness.provider.containerImages);
      if (harness.provider.containerImages === 'ignored') expect(contained.instance.imageId).toBe(plain.instance.imageId);
    });

    it('a restarted caller finds the instance again by token and by id', async () => {
      const req = request();
      const { instance } = await session.runInstance(req);
      const restarted = await (await harness.restart()).connect(harness.context);
      try {
        const byToken = await restarted.describeInstances({ clientTokens: [req.clientToken] });
        const byId = await restarted.describeInstances({ instanceIds: [instance.id] });
        expect(byToken.instances.map((i) => i.id)).toEqual([instance.id]);
        expect(byId.instances[0]?.status).toBe('running');
        expect((await restarted.runInstance(req)).created).toBe(false);
      } finally {
        await restarted.close();
      }
    });

    it('stop and start really stop and start it; repeating either is harmless', async () => {
      const { instance } = await session.runInstance(request());
      expect((await session.stopInstance(instance.id)).instance.status).toBe('stopped');
      expect(await harness.agentRunning(instance.id)).toBe(false);
      expect((await session.stopInstance(instance.id)).instance.status).toBe('stopped');
      expect((await session.startInstance(instance.id)).instance.status).toBe('running');
      expect(await harness.agentRunning(instance.id)).toBe(true);
      expect((await session.startInstance(instance.id)).instance.status).toBe('running');
    });

    it('terminates a stopped instance, and terminating it again succeeds as already gone', async () => {
      const { instance } = await session.runInstance(request());
      await session.stopInstance(instance.id);
      expect(await session.terminateInstance(instance.id)).toEqual({ instanceId: instance.id, alreadyGone: false });
      expect(await session.terminateInstance(instance.id)).toEqual({ instanceId: instance.id, alreadyGone: true });
      expect((await session.describeInstances({ instanceIds: [instance.id] })).instances).toEqual([]);
      expect(await harness.agentRunning(instance.id)).toBe(false);
    });

    it('resize records the new size', async () => {
      const { instance } = await session.runInstance(request());
      const resized = await session.resizeInstance({ instanceId: instance.id, cpu: 2, memoryMiB: 512 });
      expect(resized.instance).toMatchObject({ id: instance.id, cpu: 2, memoryMiB: 512 });
    });

    it('volumes: create is idempotent by token, attach/detach/resize work, delete twice succeeds', async () => {
      const { instance } = await session.runInstance(request());
      const token = `task-volume-${Date.now()}`;
      const first = await session.createVolume({ clientToken: token, sizeGiB: 1 });
      const again = await session.createVolume({ clientToken: token, sizeGiB: 1 });
      expect(again).toEqual({ volume: first.volume, created: false });
      const attached = await session.attachVolume({ volumeId: first.volume.id, instanceId: instance.id, mountPoint: '/data' });
      expect(attached.volume).toMatchObject({ status: 'in-use', attachedTo: instance.id, mountPoint: '/data' });
      expect((await session.resizeVolume(first.volume.id, 2)).volume.sizeGiB).toBe(2);
      expect((await session.detachVolume(first.volume.id)).volume.status).toBe('available');
      expect((await session.detachVolume(first.volume.id)).volume.status).toBe('available');
      expect(await session.deleteVolume(first.volume.id)).toEqual({ volumeId: first.volume.id, alreadyGone: false });
      expect(await session.deleteVolume(first.volume.id)).toEqual({ volumeId: first.volume.id, alreadyGone: true });
    });

    it('describes networks and images', async () => {
      expect((await session.describeNetworks()).networks.map((n) => n.id)).toContain(placementNetwork);
      expect((await session.describeImages()).images.length).toBeGreaterThan(0);
    });

    it('two runtimes placing clusters on one network get different frontgate hosts, each stable', async () => {
      const other = await harness.provider.connect({ ...harness.context, runtimeId: `${harness.context.runtimeId}-other` });
      try {
        const [mine, theirs] = [await session.placeCluster({ networkId: placementNetwork }), await other.placeCluster({ networkId: placementNetwork })];
        expect(theirs.networkId).toBe(mine.networkId);
        expect(theirs.frontgateHost).not.toBe(mine.frontgateHost);
        expect(await other.placeCluster({ networkId: placementNetwork })).toEqual(theirs);
        expect(await session.placeCluster({ networkId: placementNetwork })).toEqual(mine);
      } finally {
        await other.close();
      }
    });

    it('releasing a retired runtime\'s placements is idempotent, and a later placement is made afresh', async () => {
      const retired = await harness.provider.connect({ ...harness.context, runtimeId: `${harness.context.runtimeId}-retired` });
      try {
        const placement = await retired.placeCluster({ networkId: placementNetwork });
        await retired.releasePlacements();
        await retired.releasePlacements();
        const again = await retired.placeCluster({ networkId: placementNetwork });
        expect(again.networkId).toBe(placement.networkId);
        expect(again.frontgateHost).toBeTruthy();
        await retired.releasePlacements();
      } finally {
        await retired.close();
      }
    });

    it('an unknown zone is RUNTIME.ZONE_NOT_FOUND', async () => {
      const error = await harness.provider.connect({ ...harness.context, zone: harness.missingZone }).catch((err: unknown) => err);
      expect(hasErrorCode(error, 'RUNTIME.ZONE_NOT_FOUND')).toBe(true);
    });

    it('an unknown network is RUNTIME.NETWORK_NOT_FOUND', async () => {
      const error = await session.placeCluster({ networkId: 'net-does-not-exist' }).catch((err: unknown) => err);
      expect(hasErrorCode(error, 'RUNTIME.NETWORK_NOT_FOUND')).toBe(true);
    });

    it('quota: an excessive demand does not fit and names each short resource', async () => {
      const check = await session.checkResources(harness.excessiveDemand);
      expect(check.fits).toBe(false);
      expect(check.shortfalls.length).toBeGreaterThan(0);
      const small = await session.checkResources({ instances: 1, cpu: 1, memoryMiB: 128, volumes: 0, volumeGiB: 0 });
      expect(small).toEqual({ fits: true, shortfalls: [] });
    });

    it('quota: running an instance beyond the quota is RUNTIME.QUOTA_EXCEEDED and creates nothing', async () => {
      const req = request({ cpu: harness.excessiveDemand.cpu, memoryMiB: harness.excessiveDemand.memoryMiB });
      const error = await session.runInstance(req).catch((err: unknown) => err);
      expect(hasErrorCode(error, 'RUNTIME.QUOTA_EXCEEDED')).toBe(true);
      expect((await session.describeInstances({ clientTokens: [req.clientToken] })).instances).toEqual([]);
    });

    it('a request tag with the reserved pitrix: prefix is INPUT.INVALID, naming the tag, and creates nothing', async () => {
      const req = request({ tags: { suite: 'conformance', 'pitrix:cluster': 'cl-x' } });
      const error = await session.runInstance(req).catch((err: unknown) => err);
      expect(hasErrorCode(error, 'INPUT.INVALID')).toBe(true);
      expect((error as { problems: Array<{ path: string }> }).problems.map((p) => p.path)).toContain('tags.pitrix:cluster');
      expect((await session.describeInstances({ clientTokens: [req.clientToken] })).instances).toEqual([]);
    });

    it('finds instances by their request tags', async () => {
      const marker = `tagged-${Date.now()}`;
      const tagged = await session.runInstance(request({ tags: { suite: 'conformance', marker } }));
      await session.runInstance(request());
      const found = await session.describeInstances({ tags: { marker } });
      expect(found.instances.map((i) => [i.id, i.tags.marker])).toEqual([[tagged.instance.id, marker]]);
    });

    it('operations on an unknown instance are RUNTIME.INSTANCE_NOT_FOUND, except terminate', async () => {
      const error = await session.startInstance('i-does-not-exist').catch((err: unknown) => err);
      expect(hasErrorCode(error, 'RUNTIME.INSTANCE_NOT_FOUND')).toBe(true);
      expect(await session.terminateInstance('i-does-not-exist')).toEqual({ instanceId: 'i-does-not-exist', alreadyGone: true });
    });
  });
}
