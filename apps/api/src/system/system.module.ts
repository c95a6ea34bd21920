import { Module } from '@nestjs/common';
import { SystemResolver } from './system.resolver.js';
import { SystemService } from './system.service.js';

/** System status and the walking skeleton. */
@Module({ providers: [SystemResolver, SystemService] })
export class SystemModule {}
