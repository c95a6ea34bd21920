import { Mutation, Resolver } from '@nestjs/graphql';
import { KeyRotationService } from './key-rotation.service.js';
import { KeyRotation } from './models/key-rotation.model.js';

/** Master key operations. */
@Resolver()
export class KeysResolver {
  constructor(private readonly rotation: KeyRotationService) {}

  @Mutation(() => KeyRotation, {
    description:
      'Re-seals every runtime credential, repo credential and job spec under the newest master key (the first of PITRIX_SECRET_KEYS), 100 rows per transaction. Safe to run again: rows already under the newest key are counted, not touched; rows no key opens are named by id and left as they are.',
  })
  rotateKeys(): Promise<KeyRotation> {
    return this.rotation.rotate();
  }
}
