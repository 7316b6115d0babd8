import * as z from 'zod'

/** A catalogue product; `price` in integer fen, `image_url` relative to the BFF. */
export const productSchema = z.object({
  sku: z.string(),
  name: z.string(),
  description: z.string(),
  price: z.number().int(),
  image_url: z.string(),
})

/** A catalogue product. */
export type Product = z.infer<typeof productSchema>

/** `GET /api/products` answer. */
export const productsResponseSchema = z.object({ products: z.array(productSchema) })

/** `GET /api/products` answer. */
export type ProductsResponse = z.infer<typeof productsResponseSchema>
