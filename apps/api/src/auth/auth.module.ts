import { Global, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { AccountResolver } from '../account/account.resolver.js';
import { AccessGuard } from './access.guard.js';
import { ACCOUNT_STORE, accountStoreProvider } from './account-store.provider.js';
import { AuditInterceptor } from './audit.interceptor.js';
import { AuthController } from './auth.controller.js';
import { Authenticator } from './authenticator.js';
import { SingleSignOn } from './single-sign-on.js';

/** Accounts, sign-in (password, SSO, tokens), the access guard on every operation and the audit log. */
@Global()
@Module({
  controllers: [AuthController],
  providers: [
    accountStoreProvider,
    Authenticator,
    SingleSignOn,
    AccountResolver,
    { provide: APP_GUARD, useClass: AccessGuard },
    { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
  ],
  exports: [ACCOUNT_STORE, Authenticator, SingleSignOn],
})
export class AuthModule {}
