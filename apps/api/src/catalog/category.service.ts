import { Injectable } from '@nestjs/common';
import { CategoryStore, type CategoryEntity } from '@pitrix/catalog-store';
import { requireRole, type Caller } from '../auth/caller.js';
import type { CategoryInput } from './dto/app.input.js';

/** Categories: anyone lists them, admins manage them. */
@Injectable()
export class CategoryService {
  constructor(private readonly store: CategoryStore) {}

  async create(caller: Caller, input: CategoryInput): Promise<CategoryEntity> {
    requireRole(caller, 'manage categories', 'admin');
    return this.store.create({ name: input.name, description: input.description, owner: caller.userId, ownerPath: caller.ownerPath });
  }

  async update(caller: Caller, id: string, input: CategoryInput): Promise<CategoryEntity> {
    requireRole(caller, 'manage categories', 'admin');
    return this.store.update(id, { name: input.name, description: input.description });
  }

  async delete(caller: Caller, id: string): Promise<string> {
    requireRole(caller, 'manage categories', 'admin');
    await this.store.delete(id);
    return id;
  }

  async get(id: string): Promise<CategoryEntity> {
    return this.store.get(id);
  }
}
