/** The catalogue of products and services: other modules import only from here. */
export { isValidGtin } from './gtin.ts';
export { type ListProductsQuery, listProducts } from './list-products.ts';
export { findProducts, type Product } from './product-model.ts';
export { productsRoutes } from './routes.ts';
export {
  type CreateProductInput,
  createProduct,
  getProduct,
  setProductArchived,
  type UpdateProductInput,
  updateProduct,
} from './save-product.ts';
export { UNITS, type UnitCode } from './units.ts';
