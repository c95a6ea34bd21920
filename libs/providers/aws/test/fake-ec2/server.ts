import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describeAccountAttributes, describeAvailabilityZones, describeImages, describeRegions, describeSubnets, describeVpcs } from './account-actions.js';
import type { ActionHandler } from './call.js';
import { REGIONS } from './catalog.js';
import { describeInstances } from './describe-instances.js';
import { Ec2Fault } from './faults.js';
import { modifyInstanceAttribute, startInstances, stopInstances, terminateInstances } from './instance-lifecycle.js';
import { createNetworkInterface, deleteNetworkInterface, describeNetworkInterfaces } from './interface-actions.js';
import { QueryParams } from './query.js';
import { runInstances } from './run-instances.js';
import { verifySignature, type FakeAccessKey } from './signature.js';
import { createTags } from './tag-actions.js';
import { deleteVolume, modifyVolume } from './volume-changes.js';
import { attachVolume, createVolume, describeVolumes, detachVolume } from './volume-actions.js';
import { FakeWorld, type FakeSettings } from './world.js';
import { renderError, renderResponse, type XmlValue } from './xml.js';

/** The actions the fake implements: exactly the ones the aws provider calls. */
const ACTIONS: Readonly<Record<string, ActionHandler>> = {
  RunInstances: runInstances,
  DescribeInstances: describeInstances,
  StartInstances: startInstances,
  StopInstances: stopInstances,
  TerminateInstances: terminateInstances,
  ModifyInstanceAttribute: modifyInstanceAttribute,
  CreateTags: createTags,
  CreateVolume: createVolume,
  DescribeVolumes: describeVolumes,
  AttachVolume: attachVolume,
  DetachVolume: detachVolume,
  DeleteVolume: deleteVolume,
  ModifyVolume: modifyVolume,
  CreateNetworkInterface: createNetworkInterface,
  DescribeNetworkInterfaces: describeNetworkInterfaces,
  DeleteNetworkInterface: deleteNetworkInterface,
  DescribeRegions: describeRegions,
  DescribeAvailabilityZones: describeAvailabilityZones,
  DescribeVpcs: describeVpcs,
  DescribeSubnets: describeSubnets,
  DescribeImages: describeImages,
  DescribeAccountAttributes: describeAccountAttributes,
};

/** A request the fake accepted (signed by a known key), kept so tests can see what the provider sent. */
export interface RecordedCall {
  readonly action: string;
  readonly params: QueryParams;
  readonly accessKeyId: string;
}

/** An error to answer instead of running the action (throttling, capacity, server errors). */
export interface InjectedFault {
  readonly code: string;
  readonly message?: string;
  readonly status?: number;
}

/** How to start the fake: the access keys it knows and its behaviour. */
export interface FakeEc2Options {
  readonly keys: readonly FakeAccessKey[];
  readonly settings?: Partial<FakeSettings>;
}

/**
 * A protocol-level fake of the EC2 API: a real HTTP server on a free port that speaks the EC2
 * Query protocol (form-encoded `Action`/`Version=2016-11-15` POSTs, XML answers in the 2016-11-15
 * namespace, `<Response><Errors>` errors with their HTTP status), checks SigV4 signatures, and keeps
 * the account in memory for as long as it runs, whatever client talks to it.
 */
export class FakeEc2 {
  readonly world: FakeWorld;
  readonly calls: RecordedCall[] = [];
  private readonly faults = new Map<string, InjectedFault[]>();
  private readonly keys: ReadonlyMap<string, FakeAccessKey>;

  private constructor(
    private readonly server: Server,
    options: FakeEc2Options,
  ) {
    this.keys = new Map(options.keys.map((key) => [key.accessKeyId, key]));
    this.world = new FakeWorld({ transitionMs: 20, maxInstances: 20, maxVcpus: 256, terminatedRetentionMs: 60 * 60 * 1000, describeLagMs: 0, ...options.settings });
  }

  /** Starts the fake on 127.0.0.1 and a free port. */
  static async start(options: FakeEc2Options): Promise<FakeEc2> {
    const server = createServer();
    const fake = new FakeEc2(server, options);
    server.on('request', (req, res) => fake.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  /** The endpoint URL to give the SDK. */
  get endpoint(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Answers the next `times` calls of `action` with `fault` instead of running them. */
  failNext(action: string, fault: InjectedFault, times = 1): void {
    this.faults.set(action, [...(this.faults.get(action) ?? []), ...Array.from({ length: times }, () => fault)]);
  }

  /** The parameters of every accepted call of `action`, oldest first. */
  callsOf(action: string): QueryParams[] {
    return this.calls.filter((call) => call.action === action).map((call) => call.params);
  }

  /** The EC2 state of an instance now (what `agentRunning` reads), or undefined when unknown. */
  instanceState(instanceId: string): string | undefined {
    this.world.tick();
    return this.world.instances.get(instanceId)?.state;
  }

  /** The state of a volume's last modification now (`modifying`, `optimizing`, `completed`), if any. */
  modificationState(volumeId: string): string | undefined {
    this.world.tick();
    return this.world.volumes.get(volumeId)?.modification?.state;
  }

  /** Stops listening and drops open connections. */
  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const requestId = randomUUID();
      try {
        const [path = '/', query = ''] = (req.url ?? '/').split('?', 2);
        const signer = verifySignature({ method: req.method ?? 'GET', path, query, headers: req.headers, body }, this.keys, Date.now());
        const params = QueryParams.parse(req.method === 'POST' ? body : query);
        const answer = this.dispatch(params, signer.accessKeyId, signer.region);
        this.reply(res, 200, requestId, renderResponse(params.required('Action'), requestId, answer));
      } catch (err) {
        const fault = err instanceof Ec2Fault ? err : new Ec2Fault('InternalError', 'The fake failed unexpectedly', 500);
        this.reply(res, fault.status, requestId, renderError(fault.code, fault.message, requestId));
      }
    });
  }

  private dispatch(params: QueryParams, accessKeyId: string, region: string): Record<string, XmlValue> {
    const action = params.get('Action');
    if (!action) throw new Ec2Fault('MissingAction', 'Missing required parameter Action');
    if (params.get('Version') !== '2016-11-15') throw new Ec2Fault('NoSuchVersion', `Only API version 2016-11-15 is served, not ${params.get('Version')}`);
    const handler = ACTIONS[action];
    if (!handler) throw new Ec2Fault('InvalidAction', `Unknown action ${action}`);
    if (!(region in REGIONS)) throw new Ec2Fault('AuthFailure', `The credential scope names an unknown region: ${region}`, 401);
    const fault = this.faults.get(action)?.shift();
    if (fault) throw new Ec2Fault(fault.code, fault.message ?? fault.code, fault.status ?? 400);
    this.calls.push({ action, params, accessKeyId });
    this.world.tick();
    return handler({ world: this.world, params, region });
  }

  private reply(res: ServerResponse, status: number, requestId: string, xml: string): void {
    res.writeHead(status, { 'content-type': 'text/xml;charset=UTF-8', 'x-amzn-requestid': requestId });
    res.end(xml);
  }
}
