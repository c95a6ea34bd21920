import { PitrixError } from '@pitrix/errors';
import { isId, newId } from '@pitrix/ids';
import type { DataSource } from 'typeorm';
import { CategoryEntity } from './entities.js';
import type { Ownership } from './repo-store.js';

/** Categories apps and repos are filed under; names are unique. */
export class CategoryStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Creates a category; a name in use is `CATALOG.CATEGORY_NAME_TAKEN`. */
  async create(input: Ownership & { name: string; description: string }): Promise<CategoryEntity> {
    const entity = this.dataSource.manager.create(CategoryEntity, { id: newId('category'), ...input });
    return this.saveUnique(entity);
  }

  /** A category, or `CATALOG.CATEGORY_NOT_FOUND`. */
  async get(id: string): Promise<CategoryEntity> {
    const found = isId('category', id) ? await this.dataSource.manager.findOneBy(CategoryEntity, { id }) : null;
    if (!found) throw new PitrixError('CATALOG.CATEGORY_NOT_FOUND', `Category ${id} does not exist`);
    return found;
  }

  /** Checks every id exists; the missing ones are `CATALOG.CATEGORY_NOT_FOUND` naming their index. */
  async requireAll(ids: readonly string[], field = 'categories'): Promise<void> {
    const problems = [];
    for (const [index, id] of ids.entries()) {
      const found = isId('category', id) ? await this.dataSource.manager.existsBy(CategoryEntity, { id }) : false;
      if (!found) problems.push({ path: `${field}[${index}]`, message: 'no such category', found: id });
    }
    if (problems.length > 0) throw new PitrixError('CATALOG.CATEGORY_NOT_FOUND', `Unknown categor${problems.length === 1 ? 'y' : 'ies'}`, problems);
  }

  /** Renames or re-describes a category. */
  async update(id: string, changes: { name?: string; description?: string }): Promise<CategoryEntity> {
    const entity = await this.get(id);
    Object.assign(entity, Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)));
    return this.saveUnique(entity);
  }

  /** Deletes a category and files nothing under it any more. */
  async delete(id: string): Promise<void> {
    await this.get(id);
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`UPDATE catalog.apps SET categories = array_remove(categories, $1) WHERE $1 = ANY(categories)`, [id]);
      await manager.query(`UPDATE catalog.repos SET categories = array_remove(categories, $1) WHERE $1 = ANY(categories)`, [id]);
      await manager.delete(CategoryEntity, { id });
    });
  }

  private async saveUnique(entity: CategoryEntity): Promise<CategoryEntity> {
    try {
      return await this.dataSource.manager.save(CategoryEntity, entity);
    } catch (err) {
      if ((err as { code?: string }).code === '23505') {
        throw new PitrixError('CATALOG.CATEGORY_NAME_TAKEN', `A category named ${JSON.stringify(entity.name)} already exists`, [{ path: 'name', message: 'already used', found: entity.name }]);
      }
      throw err;
    }
  }
}
