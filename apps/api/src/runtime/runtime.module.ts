import { Module } from '@nestjs/common';
import { CredentialResolver } from './credential.resolver.js';
import { CredentialService } from './credential.service.js';
import { RuntimeCheckService } from './runtime-check.service.js';
import { runtimeStoreProviders } from './runtime-stores.provider.js';
import { RuntimeResolver } from './runtime.resolver.js';
import { RuntimeHealingResolver } from './runtime-healing.resolver.js';
import { RuntimeHealingService } from './runtime-healing.service.js';
import { RuntimeService } from './runtime.service.js';

/** Runtimes, credentials and providers. */
@Module({
  providers: [...runtimeStoreProviders, RuntimeService, RuntimeCheckService, CredentialService, RuntimeResolver, CredentialResolver, RuntimeHealingService, RuntimeHealingResolver],
  exports: [RuntimeService],
})
export class RuntimeModule {}
