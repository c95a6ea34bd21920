import { Module } from '@nestjs/common';
import { KeyRotationService } from './key-rotation.service.js';
import { KeysResolver } from './keys.resolver.js';

/** Master key rotation: re-sealing stored secrets under the newest key. */
@Module({ providers: [KeyRotationService, KeysResolver] })
export class KeysModule {}
