import { Injectable } from '@nestjs/common';
import { CategoryStore, type CategoryEntity } from '@pitrix/catalog-store';
import type { Caller } from '../access/index.js';
import type { CategoryInput } from './dto/app.input.js';

/** Categories: anyone lists them, admins manage them (the access matrix checks the role). */
@Injectable()
export class CategoryService {
  constructor(private readonly store: CategoryStore) {}

  async create(caller: Caller, input: CategoryInput): Promise<CategoryEntity> {
    return this.store.create({ name: input.name, description: input.description, owner: caller.userId, ownerPath: caller.ownerPath });
  }

  async update(id: string, input: CategoryInput): Promise<CategoryEntity> {
    return this.store.update(id, { name: input.name, description: input.description });
  }

  async delete(id: string): Promise<string> {
    await this.store.delete(id);
    return id;
  }

  async get(id: string): Promise<CategoryEntity> {
    return this.store.get(id);
  }
}
