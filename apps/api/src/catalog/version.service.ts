import { Inject, Injectable } from '@nestjs/common';
import { AppVersionEntity, openRepoSource, publishPackage, RepoStore, verifyCandidate, VersionStore, type CatalogRole, type VersionAction } from '@pitrix/catalog-store';
import type { ApiConfig } from '@pitrix/config';
import { isPitrixError, PitrixError } from '@pitrix/errors';
import { renderChart, type HelmCli } from '@pitrix/helm';
import { chartForm, decodeText, packageKindOf, parsePackage, readChart, renderBlueprint, readPackageMetadata, type PackageFiles, type PackageMetadata } from '@pitrix/package';
import { fetchPolicyFromSettings, loadPackageFromBytes, sha256Hex } from '@pitrix/package-io';
import type { DataSource } from 'typeorm';
import { canSee, type Caller } from '../access/index.js';
import type { ProviderRegistry } from '@pitrix/provider-contract';
import { API_CONFIG, DATA_SOURCE, HELM_CLI, PROVIDER_REGISTRY } from '../clients/tokens.js';
import { AppService } from './app.service.js';
import { AppVersionPackages } from './app-version-packages.service.js';
import { configForm } from './config-form.js';
import { findEligibleRuntimes, ruleForKind } from './eligible-runtimes.js';
import type { AppVersionPackage, EligibleRuntime } from './models/app.model.js';
import { RepoService } from './repo.service.js';

/** Version actions, uploads, and what a version's package holds. */
@Injectable()
export class VersionService {
  constructor(
    private readonly versions: VersionStore,
    private readonly apps: AppService,
    private readonly repos: RepoService,
    private readonly repoStore: RepoStore,
    private readonly packages: AppVersionPackages,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(HELM_CLI) private readonly helm: HelmCli,
    @Inject(PROVIDER_REGISTRY) private readonly providers: ProviderRegistry,
  ) {}

  /** Applies one status-machine action as the caller (roles checked by the machine). */
  async transition(caller: Caller, id: string, action: VersionAction, message?: string): Promise<AppVersionEntity> {
    const version = await this.apps.getVersion(caller, id);
    // Developers act on their own versions; reviewers and admins on any they can see.
    const reviewerAction = action === 'startReview' || action === 'pass' || action === 'reject';
    if (!reviewerAction && !canSee(caller, version.ownerPath)) {
      throw new PitrixError('AUTH.FORBIDDEN', `${caller.login} may not ${action} version ${id}: it belongs to ${version.owner}`);
    }
    return this.versions.transition(id, action, { userId: caller.userId, roles: caller.roles as CatalogRole[] }, message);
  }

  /**
   * Uploads a .tgz into a writable repo the caller owns: the package (or Helm chart: its lint and
   * `helm template` with its defaults) is fully validated, written into the repo (and its
   * index.yaml, when it has one), and stored as a draft version.
   */
  async upload(caller: Caller, repoId: string, archiveBase64: string): Promise<AppVersionEntity> {
    const repo = await this.repos.getOwned(caller, repoId);
    const bytes = decodeBase64(archiveBase64);
    const files = await loadPackageFromBytes(bytes, this.config.package);
    const parsed = { metadata: identityOf(files) };
    const source = openRepoSource(repo.url, await this.repoStore.openCredential(repo.id), { s3: this.config.s3, fetch: fetchPolicyFromSettings(this.config.fetch) });
    if (!source.writable) throw new PitrixError('REPO.READ_ONLY', `Repo ${repo.id} (${new URL(repo.url).protocol}) cannot be written; upload into a file:// or s3:// repo`);
    const digest = sha256Hex(bytes);
    const path = `${parsed.metadata.name}-${parsed.metadata.version}.tgz`;
    const staged = await verifyCandidate({ path }, bytes, this.config.package, digest, { helm: this.helm });
    const existing = await this.dataSource.manager.findOne(AppVersionEntity, { where: { repoId: repo.id, name: staged.name, version: staged.version }, select: { id: true } });
    if (existing) throw new PitrixError('CATALOG.VERSION_EXISTS', `${staged.name} ${staged.version} is already in repo ${repo.id} (${existing.id})`, [{ path: 'package.json.version', message: 'version already exists', found: staged.version }]);
    await publishPackage(source, { metadata: parsed.metadata, bytes, digest });
    return this.versions.createDraft(repo.id, staged, { userId: caller.userId, roles: caller.roles as CatalogRole[], ownerPath: caller.ownerPath });
  }

  /**
   * A version's files, its blueprint rendered with the defaults, and its parameters as a form.
   * For a Helm chart the blueprint is the chart's metadata, default values and the manifests
   * `helm template` renders with them; the form comes from values.schema.json or values.yaml.
   */
  async packageView(caller: Caller, id: string): Promise<AppVersionPackage> {
    const version = await this.apps.getVersion(caller, id);
    const { files } = await this.packages.load(id);
    const files_ = files.map((file) => ({ path: file.path, size: file.bytes.length, mode: file.mode, text: decodeText(file.bytes) ?? null }));
    const readme = files_.find((file) => file.path === 'README.md')?.text ?? null;
    if (version.kind === 'helm') return this.chartView(id, version.name, files, files_);
    const metadataFile = files.find((file) => file.path === 'package.json');
    const metadata = metadataFile ? readPackageMetadata(metadataFile.bytes).metadata : undefined;
    if (!metadata) {
      return { versionId: id, kind: 'pitrix', files: files_, blueprint: {}, configForm: { sections: [] }, readme, screenshots: [] };
    }
    const model = parsePackage(files);
    const rendered = renderBlueprint(model, {}, { mode: 'defaults' });
    return {
      versionId: id,
      kind: 'pitrix',
      files: files_,
      blueprint: rendered.blueprint as unknown as Record<string, unknown>,
      configForm: configForm(model.config) as unknown as Record<string, unknown>,
      readme,
      screenshots: metadata.screenshots ?? [],
    };
  }

  /**
   * Runtimes that may deploy a version: provider in the repo's providers and of the version's
   * kind (kubernetes for a Helm chart, machines for a Pitrix package), labels satisfying its selectors.
   */
  async eligibleRuntimes(caller: Caller, id: string): Promise<EligibleRuntime[]> {
    await this.apps.getVersion(caller, id);
    const { repo, kind } = await this.packages.load(id);
    return findEligibleRuntimes(this.dataSource, caller, ruleForKind(repo, kind, this.providers));
  }

  private async chartView(id: string, name: string, files: PackageFiles, views: AppVersionPackage['files']): Promise<AppVersionPackage> {
    const chart = readChart(files);
    let manifests: string | null = null;
    let renderError: string | null = null;
    try {
      manifests = await renderChart(this.helm, files, {}, { release: name, namespace: 'default' });
    } catch (err) {
      if (!isPitrixError(err)) throw err;
      renderError = err.message;
    }
    return {
      versionId: id,
      kind: 'helm',
      files: views,
      blueprint: { kind: 'helm', chart: chart.metadata, values: chart.values, hasTests: chart.hasTests, manifests, renderError },
      configForm: chartForm(chart) as unknown as Record<string, unknown>,
      readme: chart.readme,
      screenshots: [],
    };
  }
}

/** The name and version (and index fields) of an uploaded archive: package.json, or a chart's Chart.yaml. */
function identityOf(files: PackageFiles): PackageMetadata {
  if (packageKindOf(files) === 'pitrix') return parsePackage(files).metadata;
  const chart = readChartOrRefuse(files);
  const { name, version, appVersion, description, home, icon, keywords, sources } = chart.metadata;
  const maintainers = chart.metadata.maintainers?.map((m) => ({ ...m, name: m.name ?? '' }));
  return Object.fromEntries(Object.entries({ apiVersion: 'v1', name, version, appVersion, description, home, icon, keywords, maintainers, sources }).filter(([, v]) => v !== undefined)) as unknown as PackageMetadata;
}

function readChartOrRefuse(files: PackageFiles): ReturnType<typeof readChart> {
  try {
    return readChart(files);
  } catch (err) {
    throw new PitrixError('PACKAGE.CHART_INVALID', (err as Error).message, [{ path: '$', file: 'Chart.yaml', message: (err as Error).message }]);
  }
}

function decodeBase64(text: string): Uint8Array {
  const compact = text.replace(/\s+/g, '');
  if (compact.length === 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) {
    throw new PitrixError('INPUT.INVALID', 'archiveBase64 is not base64', [{ path: 'archiveBase64', message: 'expected the .tgz encoded in base64' }]);
  }
  return new Uint8Array(Buffer.from(compact, 'base64'));
}
