import { UseInterceptors } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CatalogWritesInterceptor } from './catalog-writes.interceptor.js';
import type { Caller } from '../access/index.js';
import { CurrentCaller } from '../auth/current-caller.decorator.js';
import { PageInput } from '../runtime/dto/runtime.input.js';
import { Deleted } from '../runtime/models/runtime.model.js';
import { mapConnection } from '../runtime/runtime.mapper.js';
import { AppService } from './app.service.js';
import { toCategory } from './catalog.mapper.js';
import { CategoryService } from './category.service.js';
import { CategoryInput, SortInput } from './dto/app.input.js';
import { Category, CategoryConnection } from './models/app.model.js';

/** Categories. */
@UseInterceptors(CatalogWritesInterceptor)
@Resolver(() => Category)
export class CategoryResolver {
  constructor(
    private readonly categories: CategoryService,
    private readonly catalog: AppService,
  ) {}

  @Query(() => CategoryConnection, { name: 'categories' })
  async listCategories(
    @Args('search', { type: () => String, nullable: true }) search: string | undefined,
    @Args('page', { defaultValue: { first: 50 } }) page: PageInput,
    @Args('sort', { nullable: true }) sort?: SortInput,
  ): Promise<CategoryConnection> {
    return mapConnection(await this.catalog.listCategories({ search }, page, sort), toCategory);
  }

  @Query(() => Category)
  async category(@Args('id', { type: () => ID }) id: string): Promise<Category> {
    return toCategory(await this.categories.get(id));
  }

  @Mutation(() => Category)
  async createCategory(@CurrentCaller() caller: Caller, @Args('input') input: CategoryInput): Promise<Category> {
    return toCategory(await this.categories.create(caller, input));
  }

  @Mutation(() => Category)
  async updateCategory(@Args('id', { type: () => ID }) id: string, @Args('input') input: CategoryInput): Promise<Category> {
    return toCategory(await this.categories.update(id, input));
  }

  @Mutation(() => Deleted)
  async deleteCategory(@Args('id', { type: () => ID }) id: string): Promise<Deleted> {
    return { id: await this.categories.delete(id) };
  }
}
