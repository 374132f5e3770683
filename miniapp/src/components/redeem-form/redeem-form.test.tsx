import { act, fireEvent, render } from '@testing-library/react';
import { sessionToken } from '../../state/session';
import { languagePreference } from '../../state/preferences';
import { answerNext, sentRequest } from '../../../test/answers';
import { aGood, aRedemption } from '../../../test/factories';
import RedeemForm from '.';

function renderForm(stock = 5) {
  const onRedeemed = jest.fn();
  const view = render(
    <RedeemForm communityId="demo" good={aGood({ stock })} currencyName="志愿积分" onRedeemed={onRedeemed} />,
  );
  return { ...view, onRedeemed };
}

const click = (container: HTMLElement, selector: string) => fireEvent.click(container.querySelector(selector)!);

describe('RedeemForm', () => {
  beforeEach(() => {
    sessionToken.set('token-1');
    languagePreference.clear();
  });

  it('asks to confirm the total, then redeems and shows the pickup code', async () => {
    answerNext(201, aRedemption({ quantity: 2, totalPoints: 4, pickupCode: '042917' }));
    const { container, onRedeemed } = renderForm();

    click(container, '#redeem-good-1-more');
    click(container, '#redeem-good-1-open');
    expect(container.querySelector('#redeem-good-1-total')?.textContent).toBe(
      '兑换 小米 1kg × 2，共需 4 志愿积分。确认吗？',
    );
    expect(sentRequest()).toBeUndefined();
    await act(async () => click(container, '#redeem-good-1-confirm'));

    expect(sentRequest()).toMatchObject({
      url: 'https://api.linli.test/v1/communities/demo/redemptions',
      method: 'POST',
      data: { goodId: 'good-1', quantity: 2 },
    });
    expect(container.querySelector('#redeem-good-1-code')?.textContent).toBe('042917');
    expect(onRedeemed).toHaveBeenCalledTimes(1);
  });

  it('does not let the quantity go above the stock or below one', () => {
    const { container } = renderForm(2);

    click(container, '#redeem-good-1-less');
    expect(container.querySelector('#redeem-good-1-quantity')?.textContent).toBe('1');
    click(container, '#redeem-good-1-more');
    click(container, '#redeem-good-1-more');
    expect(container.querySelector('#redeem-good-1-quantity')?.textContent).toBe('2');
  });

  it.each([
    ['market.sold_out', '库存不足，这件商品已经兑完了'],
    ['ledger.insufficient_funds', '积分不够，暂时不能兑换'],
  ])('explains a 409 %s in plain Chinese and hands out no code', async (code, text) => {
    answerNext(409, { error: { code, message: 'english server text' } });
    const { container, onRedeemed } = renderForm();

    click(container, '#redeem-good-1-open');
    await act(async () => click(container, '#redeem-good-1-confirm'));

    expect(container.querySelector('#redeem-good-1-error')?.textContent).toBe(text);
    expect(container.querySelector('#redeem-good-1-code')).toBeNull();
    expect(onRedeemed).not.toHaveBeenCalled();
  });

  it('retries with the same idempotency key after a failure', async () => {
    answerNext(0, null);
    answerNext(201, aRedemption());
    const { container } = renderForm();

    click(container, '#redeem-good-1-open');
    await act(async () => click(container, '#redeem-good-1-confirm'));
    await act(async () => click(container, '#redeem-good-1-confirm'));

    const first = sentRequest(0).header as Record<string, string>;
    const second = sentRequest(1).header as Record<string, string>;
    expect(second['Idempotency-Key']).toBe(first['Idempotency-Key']);
  });

  it('offers nothing to redeem when the good is sold out', () => {
    const { container } = renderForm(0);

    expect(container.querySelector('#redeem-good-1')).toBeNull();
  });
});
