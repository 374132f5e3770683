import { act, fireEvent, render } from '@testing-library/react';
import { sessionToken } from '../../../state/session';
import { languagePreference } from '../../../state/preferences';
import { answerNext, sentRequest } from '../../../../test/answers';
import { aRedemption } from '../../../../test/factories';
import PickupForm from '.';

async function typeAndSubmit(container: HTMLElement, code: string) {
  fireEvent.change(container.querySelector('#pickup-redemption-1-code')!, { target: { value: code } });
  await act(async () => fireEvent.click(container.querySelector('#pickup-redemption-1-submit')!));
}

describe('PickupForm', () => {
  beforeEach(() => {
    sessionToken.set('token-1');
    languagePreference.clear();
  });

  it('hands over the redemption with the code the resident shows', async () => {
    answerNext(200, aRedemption({ status: 'picked_up' }));
    const onHandedOver = jest.fn();
    const { container } = render(
      <PickupForm communityId="demo" redemption={aRedemption()} onHandedOver={onHandedOver} />,
    );

    await typeAndSubmit(container, '042917');

    expect(sentRequest()).toMatchObject({
      url: 'https://api.linli.test/v1/communities/demo/redemptions/redemption-1/pickup',
      method: 'POST',
      data: { pickupCode: '042917' },
    });
    expect(container.querySelector('#pickup-redemption-1-result')?.textContent).toBe(
      '已交付：王阿姨 领取了 小米 1kg × 1',
    );
    expect(onHandedOver).toHaveBeenCalledWith(expect.objectContaining({ status: 'picked_up' }));
  });

  it('keeps only digits and asks for all six before sending', async () => {
    const { container } = render(<PickupForm communityId="demo" redemption={aRedemption()} />);

    await typeAndSubmit(container, '12a4');

    expect((container.querySelector('#pickup-redemption-1-code') as HTMLInputElement).value).toBe('124');
    expect(sentRequest()).toBeUndefined();
    expect(container.querySelector('#pickup-redemption-1-error')?.textContent).toBe('请输入 6 位数字领取码');
  });

  it('says so when the code does not match, and lets staff try again', async () => {
    answerNext(409, { error: { code: 'market.wrong_pickup_code', message: 'The pickup code does not match' } });
    const { container } = render(<PickupForm communityId="demo" redemption={aRedemption()} />);

    await typeAndSubmit(container, '111111');

    expect(container.querySelector('#pickup-redemption-1-error')?.textContent).toContain('领取码不对');
    expect(container.querySelector('#pickup-redemption-1-submit')).not.toBeNull();
  });
});
