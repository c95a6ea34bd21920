/** GraphQL fields of a category. */
export const CATEGORY_FIELDS = 'id name description createdAt updatedAt';

/** A catalog category as the commands print it. */
export interface CategoryView {
  id: string;
  name: string;
  description: string;
  createdAt: string;
  updatedAt: string;
}
