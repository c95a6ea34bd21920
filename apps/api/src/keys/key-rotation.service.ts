import { Inject, Injectable } from '@nestjs/common';
import type { SecretBox } from '@pitrix/secrets';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE, SECRET_BOX } from '../clients/tokens.js';
import { rotateSealedColumn } from './key-rotation.js';
import type { KeyRotation } from './models/key-rotation.model.js';
import { SEALED_COLUMNS } from './sealed-columns.js';

/** Rows re-sealed per transaction: a run interrupted midway loses at most this much work. */
const BATCH_SIZE = 100;

/** Re-seals every stored secret (runtime credentials, repo credentials, job specs) under the newest master key. */
@Injectable()
export class KeyRotationService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(SECRET_BOX) private readonly box: SecretBox,
  ) {}

  /** Rotates each kind in turn; safe to run again, and to run after an interrupted run. */
  async rotate(): Promise<KeyRotation> {
    const kinds = [];
    for (const column of SEALED_COLUMNS) {
      const done = await rotateSealedColumn(this.dataSource, this.box, column, { batchSize: BATCH_SIZE });
      kinds.push({ kind: done.kind, resealed: done.resealed, alreadyCurrent: done.alreadyCurrent, failed: done.failedIds.length, failedIds: [...done.failedIds] });
    }
    return { keyId: this.box.activeKeyId, kinds };
  }
}
