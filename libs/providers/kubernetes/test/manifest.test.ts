import { hasErrorCode } from '@pitrix/errors';
import { describe, expect, it } from 'vitest';
import { isHook, isTestHook, parseManifests, podSelectorOf, workloadsOf } from '@pitrix/helm';
import { parseQuantity } from '../src/quantity.js';
import { quotaShortfalls, releaseDemand } from '../src/quota.js';

const STREAM = `---
# Source: demo/templates/configmap.yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: demo-config
data:
  a: "1"
---
# Source: demo/templates/deployment.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: demo-web
spec:
  replicas: 3
  selector:
    matchLabels: { app: demo, tier: web }
  template:
    metadata: { labels: { app: demo, tier: web } }
    spec:
      containers:
        - name: web
          image: nginx
          resources: { requests: { cpu: 250m, memory: 64Mi } }
---
apiVersion: batch/v1
kind: Job
metadata:
  name: demo-migrate
spec:
  template: { spec: { containers: [{ name: m, image: busybox }] } }
---
apiVersion: batch/v1
kind: Job
metadata:
  name: demo-pre-install
  annotations: { helm.sh/hook: pre-install }
---
apiVersion: v1
kind: Pod
metadata:
  name: demo-test
  annotations: { "helm.sh/hook": "test" }
---
# an empty document
`;

describe('manifest streams', () => {
  const objects = parseManifests(STREAM);

  it('parses every object and skips empty documents', () => {
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['ConfigMap/demo-config', 'Deployment/demo-web', 'Job/demo-migrate', 'Job/demo-pre-install', 'Pod/demo-test']);
  });

  it('the workloads are the Deployments, StatefulSets, DaemonSets and Jobs that are not hooks', () => {
    expect(workloadsOf(objects)).toEqual([
      { kind: 'Deployment', name: 'demo-web' },
      { kind: 'Job', name: 'demo-migrate' },
    ]);
  });

  it('tells hooks and test hooks apart', () => {
    expect(objects.filter(isHook).map((o) => o.metadata.name)).toEqual(['demo-pre-install', 'demo-test']);
    expect(objects.filter(isTestHook).map((o) => o.metadata.name)).toEqual(['demo-test']);
  });

  it.each([
    ['a Deployment: its matchLabels', 1, 'app=demo,tier=web'],
    ['a Job without a selector: the job-name label', 2, 'batch.kubernetes.io/job-name=demo-migrate'],
    ['a ConfigMap: none', 0, undefined],
  ])('the pod selector of %s', (_name, index, selector) => {
    expect(podSelectorOf(objects[index]!)).toBe(selector);
  });

  it.each([
    ['broken YAML', 'a: [1, 2\n'],
    ['a document without a kind', 'apiVersion: v1\nmetadata: { name: x }\n'],
    ['a scalar document', 'just text\n'],
  ])('%s is PACKAGE.CHART_INVALID', (_name, text) => {
    let error: unknown;
    try {
      parseManifests(text);
    } catch (err) {
      error = err;
    }
    expect(hasErrorCode(error, 'PACKAGE.CHART_INVALID')).toBe(true);
  });
});

describe('quantities and quotas', () => {
  it.each([
    ['100m', 0.1],
    ['2', 2],
    ['1.5', 1.5],
    ['128Mi', 128 * 2 ** 20],
    ['1G', 1e9],
    ['1e3', 1000],
    ['2Ki', 2048],
  ])('%s is %d', (text, value) => {
    expect(parseQuantity(text)).toBeCloseTo(value);
  });

  it('refuses a release whose replicas × requests exceed what the quota has left, counting the pods it replaces', () => {
    const demand = releaseDemand(parseManifests(STREAM));
    const quota = { metadata: { name: 'q' }, status: { hard: { 'requests.cpu': '1', pods: '10' }, used: { 'requests.cpu': '500m', pods: '2' } } };
    // 3 × 250m + the job's 0 = 750m asked, 500m left.
    expect(quotaShortfalls([quota], demand, []).map((p) => p.path)).toEqual(['resourceQuota.q.requests.cpu']);
    // Its current pods (2 × 250m) are replaced, so 1000m are left.
    const current = [1, 2].map(() => ({ requestsCpu: 0.25, requestsMemory: 0, limitsCpu: 0, limitsMemory: 0 }));
    expect(quotaShortfalls([quota], demand, current)).toEqual([]);
  });
});
