import type { Provider } from '@nestjs/common';
import type { ApiConfig } from '@pitrix/config';
import { HelmCli } from '@pitrix/helm';
import { API_CONFIG } from '../clients/tokens.js';

/** The helm binary the catalog lints and renders uploaded and reviewed charts with (`PITRIX_HELM_BINARY`). */
export const CATALOG_HELM = Symbol('CATALOG_HELM');

/** Provides `CATALOG_HELM` from the API configuration. */
export const catalogHelmProvider: Provider = {
  provide: CATALOG_HELM,
  useFactory: (config: ApiConfig) => new HelmCli(config.package.helmBinary),
  inject: [API_CONFIG],
};
