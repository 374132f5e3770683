import { act, renderHook } from '@testing-library/react';
import { aProduct } from '../../test/factories';
import { addToCart, cartStore, changeQuantity, removeFromCart, useCart } from './cart';

const hat = aProduct();
const scarf = aProduct({ id: 'product-2', title: '手织围巾', priceFen: 8850, stock: 120 });

describe('the cart', () => {
  beforeEach(() => {
    cartStore('demo').clear();
    cartStore('other').clear();
  });

  it('adds products, adds more of one already there, and keeps each within its stock', () => {
    let lines = addToCart([], hat, 1);
    lines = addToCart(lines, scarf, 2);
    lines = addToCart(lines, hat, 5);
    expect(lines.map((line) => [line.productId, line.quantity])).toEqual([
      ['product-1', 3],
      ['product-2', 2],
    ]);
  });

  it('changes a quantity between 1 and the most allowed (stock, at most 99), and removes a line', () => {
    const lines = addToCart(addToCart([], hat, 1), scarf, 1);
    expect(changeQuantity(lines, 'product-2', 150)[1]?.quantity).toBe(99);
    expect(changeQuantity(lines, 'product-2', 0)[1]?.quantity).toBe(1);
    expect(changeQuantity(lines, 'product-1', 2)[0]?.quantity).toBe(2);
    expect(removeFromCart(lines, 'product-1').map((line) => line.productId)).toEqual(['product-2']);
  });

  it('keeps one cart per community in storage, with the count and the total in integer fen', () => {
    const { result } = renderHook(() => useCart('demo'));
    act(() => result.current.add(hat, 2));
    act(() => result.current.add(scarf, 1));
    expect(result.current.count).toBe(3);
    expect(result.current.totalFen).toBe(2 * 15000 + 8850);

    act(() => result.current.setQuantity('product-2', 3));
    expect(result.current.totalFen).toBe(2 * 15000 + 3 * 8850);
    act(() => result.current.remove('product-1'));
    expect(result.current.lines.map((line) => line.productId)).toEqual(['product-2']);
    expect(cartStore('other').get()).toEqual([]);

    act(() => result.current.clear());
    expect(result.current.lines).toEqual([]);
    expect(result.current.totalFen).toBe(0);
  });
});
