import type { PublicProduct } from '@linli/shared';
import { createStoredValue, useStoredValue, type StoredValue } from '../state/stored-value';

/** At most this many of one product in one order (the API's limit), and this many products per order. */
export const MAX_LINE_QUANTITY = 99;
export const MAX_CART_LINES = 20;

/** One product in the cart, with what the cart page shows without asking the API again. */
export interface CartLine {
  productId: string;
  title: string;
  priceFen: number;
  fundShareBps: number;
  /** The stock when it was added: the most the stepper offers (the API has the last word). */
  stock: number;
  quantity: number;
}

const isCartLine = (raw: unknown): raw is CartLine => {
  const line = raw as CartLine;
  return (
    typeof line === 'object' &&
    line !== null &&
    typeof line.productId === 'string' &&
    typeof line.title === 'string' &&
    Number.isInteger(line.priceFen) &&
    Number.isInteger(line.fundShareBps) &&
    Number.isInteger(line.stock) &&
    Number.isInteger(line.quantity) &&
    line.quantity > 0
  );
};
const isCart = (raw: unknown): raw is CartLine[] => Array.isArray(raw) && raw.every(isCartLine);

const mostOf = (line: Pick<CartLine, 'stock'>) => Math.max(1, Math.min(line.stock, MAX_LINE_QUANTITY));

/** Adds `quantity` of a product (more of it if it is already there), kept within its stock and 99. */
export function addToCart(lines: CartLine[], product: PublicProduct, quantity: number): CartLine[] {
  const existing = lines.find((line) => line.productId === product.id);
  const line: CartLine = {
    productId: product.id,
    title: product.title,
    priceFen: product.priceFen,
    fundShareBps: product.fundShareBps,
    stock: product.stock,
    quantity: (existing?.quantity ?? 0) + Math.max(1, quantity),
  };
  line.quantity = Math.min(line.quantity, mostOf(line));
  if (existing) return lines.map((other) => (other.productId === product.id ? line : other));
  return lines.length >= MAX_CART_LINES ? lines : [...lines, line];
}

/** Sets how many of a product the cart holds (1 to its most); other lines are kept as they are. */
export function changeQuantity(lines: CartLine[], productId: string, quantity: number): CartLine[] {
  return lines.map((line) =>
    line.productId === productId ? { ...line, quantity: Math.max(1, Math.min(quantity, mostOf(line))) } : line,
  );
}

export function removeFromCart(lines: CartLine[], productId: string): CartLine[] {
  return lines.filter((line) => line.productId !== productId);
}

/** The total in integer fen. */
export function cartTotalFen(lines: CartLine[]): number {
  return lines.reduce((sum, line) => sum + line.priceFen * line.quantity, 0);
}

export function cartCount(lines: CartLine[]): number {
  return lines.reduce((sum, line) => sum + line.quantity, 0);
}

const stores = new Map<string, StoredValue<CartLine[]>>();

/** The cart of one community, kept in Taro storage (one cart per community: orders are per community). */
export function cartStore(communityId: string): StoredValue<CartLine[]> {
  let store = stores.get(communityId);
  if (!store) {
    store = createStoredValue<CartLine[]>(`linli.cart.${communityId}`, [], isCart);
    stores.set(communityId, store);
  }
  return store;
}

export interface Cart {
  lines: CartLine[];
  count: number;
  totalFen: number;
  add: (product: PublicProduct, quantity: number) => void;
  setQuantity: (productId: string, quantity: number) => void;
  remove: (productId: string) => void;
  clear: () => void;
}

/** The current community's cart and what can be done with it. */
export function useCart(communityId: string): Cart {
  const store = cartStore(communityId);
  const lines = useStoredValue(store);
  return {
    lines,
    count: cartCount(lines),
    totalFen: cartTotalFen(lines),
    add: (product, quantity) => store.set(addToCart(store.get(), product, quantity)),
    setQuantity: (productId, quantity) => store.set(changeQuantity(store.get(), productId, quantity)),
    remove: (productId) => store.set(removeFromCart(store.get(), productId)),
    clear: () => store.clear(),
  };
}
