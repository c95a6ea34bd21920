import { hasErrorCode, type PitrixError } from '@pitrix/errors';
import { describe, expect, it } from 'vitest';
import { chooseInstanceType, DEFAULT_INSTANCE_TYPES, parseAwsOptions } from '../src/index.js';
import { failure, IMAGE_ID } from './support.js';

describe('aws runtime options', () => {
  it.each([
    ['an unknown option', { colour: 'blue' }, 'options.colour'],
    ['a missing image', { imageId: undefined }, 'options.imageId'],
    ['a malformed image', { imageId: 'ubuntu' }, 'options.imageId'],
    ['a malformed region', { region: 'Virginia' }, 'options.region'],
    ['an empty subnet list', { subnetIds: [] }, 'options.subnetIds'],
    ['a malformed subnet', { subnetIds: ['subnet-0a0000000000000a1', 'net-1'] }, 'options.subnetIds[1]'],
    ['a malformed security group', { securityGroupIds: ['default'] }, 'options.securityGroupIds[0]'],
    ['an empty key name', { keyName: '' }, 'options.keyName'],
    ['a bundle URL that is not http(s)', { agentPackageUrl: 'ftp://example.com/agent.tgz' }, 'options.agentPackageUrl'],
    ['a bad instance type name', { instanceTypes: { 'Big One': { cpu: 2, memoryMiB: 1024 } } }, 'options.instanceTypes.Big One'],
    ['a zero-cpu instance type', { instanceTypes: { 'm6i.large': { cpu: 0, memoryMiB: 8192 } } }, 'options.instanceTypes.m6i.large.cpu'],
    ['an unknown instance type field', { instanceTypes: { 'm6i.large': { cpu: 2, memoryMiB: 8192, disk: 10 } } }, 'options.instanceTypes.m6i.large.disk'],
    ['an empty instance type table', { instanceTypes: {} }, 'options.instanceTypes'],
    ['images that are not an object', { images: ['ami-0f00000000000bb02'] }, 'options.images'],
    ['an image mapped to something not an AMI', { images: { 'redis:7.0': 'redis' } }, 'options.images.redis:7.0'],
    ['an image mapped to a number', { images: { 'redis:7.0': 7 } }, 'options.images.redis:7.0'],
    ['an image with an empty name', { images: { '': 'ami-0f00000000000bb02' } }, 'options.images.'],
    ['a negative quota', { quota: { cpu: -1 } }, 'options.quota.cpu'],
    ['an unknown quota', { quota: { gpus: 1 } }, 'options.quota.gpus'],
  ])('refuses %s with RUNTIME.OPTIONS_INVALID and its path', async (_case, override, path) => {
    const error = await failure(async () => parseAwsOptions({ imageId: IMAGE_ID, ...override }));
    expect(hasErrorCode(error, 'RUNTIME.OPTIONS_INVALID')).toBe(true);
    expect((error as PitrixError).problems.map((p) => p.path)).toContain(path);
  });

  it('reports every problem at once', async () => {
    const error = await failure(async () => parseAwsOptions({ region: 'x', keyName: '', quota: { volumes: 1.5 }, extra: true }));
    expect((error as PitrixError).problems.map((p) => p.path).sort()).toEqual(['options.extra', 'options.imageId', 'options.keyName', 'options.quota.volumes', 'options.region']);
  });

  it('defaults: no container image mapped, the built-in type table, no security groups, no quota of its own', () => {
    expect(parseAwsOptions({ imageId: IMAGE_ID })).toEqual({ imageId: IMAGE_ID, images: new Map(), instanceTypes: DEFAULT_INSTANCE_TYPES, securityGroupIds: [], quota: {} });
  });

  it('reads the AMIs of container images', () => {
    const { images } = parseAwsOptions({ imageId: IMAGE_ID, images: { 'redis:7.0': 'ami-0f00000000000bb02', 'registry.example.com/web:2': 'ami-0123456789abcdef0' } });
    expect(images).toEqual(new Map([['redis:7.0', 'ami-0f00000000000bb02'], ['registry.example.com/web:2', 'ami-0123456789abcdef0']]));
  });

  it('does not need an image where nothing is started (credential checks, zone lists)', () => {
    expect(parseAwsOptions({ region: 'eu-west-1' }, { imageRequired: false }).region).toBe('eu-west-1');
  });

  it('reads a custom instance type table', () => {
    const { instanceTypes } = parseAwsOptions({ imageId: IMAGE_ID, instanceTypes: { 'c7i.large': { cpu: 2, memoryMiB: 4096 }, 'g5.xlarge': { cpu: 4, memoryMiB: 16384, gpu: 1 } } });
    expect(instanceTypes).toEqual([
      { type: 'c7i.large', cpu: 2, memoryMiB: 4096, gpu: 0 },
      { type: 'g5.xlarge', cpu: 4, memoryMiB: 16384, gpu: 1 },
    ]);
  });
});

describe('instance type choice (built-in table)', () => {
  it.each([
    ['the smallest node', { cpu: 1, memoryMiB: 256 }, 't3.nano'],
    ['exactly a t3.nano', { cpu: 2, memoryMiB: 512 }, 't3.nano'],
    ['2 GiB', { cpu: 1, memoryMiB: 2048 }, 't3.small'],
    ['just over a t3.medium', { cpu: 2, memoryMiB: 4097 }, 'm6i.large'],
    ['3 vCPUs', { cpu: 3, memoryMiB: 1024 }, 'm6i.xlarge'],
    ['8 vCPUs, 16 GB', { cpu: 8, memoryMiB: 16000 }, 'm6i.2xlarge'],
    ['the largest general-purpose type', { cpu: 128, memoryMiB: 524288 }, 'm6i.32xlarge'],
    ['one GPU', { cpu: 1, memoryMiB: 512, gpu: 1 }, 'g4dn.xlarge'],
    ['one GPU and 16 vCPUs', { cpu: 16, memoryMiB: 1024, gpu: 1 }, 'g4dn.12xlarge'],
    ['four GPUs', { cpu: 1, memoryMiB: 512, gpu: 4 }, 'g4dn.12xlarge'],
  ])('%s → %s', (_case, request, type) => {
    expect(chooseInstanceType(request, DEFAULT_INSTANCE_TYPES).type).toBe(type);
  });

  it.each([
    ['too many vCPUs', { cpu: 129, memoryMiB: 1024 }, ['cpu']],
    ['too much memory', { cpu: 1, memoryMiB: 600_000 }, ['memoryMiB']],
    ['too many GPUs', { cpu: 1, memoryMiB: 512, gpu: 8 }, ['gpu']],
    ['a combination no type has', { cpu: 64, memoryMiB: 1024, gpu: 1 }, ['cpu', 'memoryMiB', 'gpu']],
  ])('%s is INPUT.INVALID naming it', async (_case, request, paths) => {
    const error = await failure(async () => chooseInstanceType(request, DEFAULT_INSTANCE_TYPES));
    expect(hasErrorCode(error, 'INPUT.INVALID')).toBe(true);
    expect((error as PitrixError).problems.map((p) => p.path)).toEqual(paths);
  });
});
