import { AccountStore } from '@pitrix/account-store';
import type { ApiConfig } from '@pitrix/config';
import type { Provider } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { API_CONFIG, DATA_SOURCE } from '../clients/tokens.js';

/** Injection token of the account store. */
export const ACCOUNT_STORE = Symbol('ACCOUNT_STORE');

/** The account store, with the session and login-throttle settings of the installation. */
export const accountStoreProvider: Provider = {
  provide: ACCOUNT_STORE,
  inject: [DATA_SOURCE, API_CONFIG],
  useFactory: (dataSource: DataSource, config: ApiConfig) =>
    new AccountStore(dataSource, {
      sessionIdleMinutes: config.auth.sessionIdleMinutes,
      sessionMaxHours: config.auth.sessionMaxHours,
      loginFreeAttempts: config.auth.loginFreeAttempts,
    }),
};
