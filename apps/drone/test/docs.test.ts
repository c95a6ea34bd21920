import { agentSettingGroups, describeSettings } from '@pitrix/config';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { identityVariables } from '../src/index.js';

const docs = join(__dirname, '../../../docs');
const agentPlane = readFileSync(join(docs, 'agent-plane.md'), 'utf8');
const guide = readFileSync(join(docs, 'package-authors-guide.md'), 'utf8');

describe('documentation', () => {
  it.each(Object.values(agentSettingGroups).flatMap((group) => describeSettings(group).map((row) => [row.env])))('docs/agent-plane.md documents %s', (variable) => {
    expect(agentPlane).toContain(`\`${variable}\``);
  });

  it('the package author guide documents every variable a command gets', () => {
    const identity = { frontgateId: 'f', clusterId: 'c', nodeId: 'n', role: '', serverId: 1, groupId: 1, privateIp: '10.0.0.1', dataDir: '/d', metadataUrl: 'http://x' };
    for (const variable of Object.keys(identityVariables(identity, 'init', '{}'))) expect(guide).toContain(`\`${variable}\``);
  });
});
