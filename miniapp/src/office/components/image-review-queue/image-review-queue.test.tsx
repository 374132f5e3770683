import { act, fireEvent, render } from '@testing-library/react';
import type { ImageReview } from '@linli/shared';
import { sessionToken } from '../../../state/session';
import { languagePreference } from '../../../state/preferences';
import { answerNext, sentRequest } from '../../../../test/answers';
import { anImage } from '../../../../test/factories';
import ImageReviewQueue from '.';

const held: ImageReview = {
  ...anImage({ id: 'img_held', status: 'under_review' }),
  communityId: 'demo',
  purpose: 'storefront',
  uploadedBy: 'member-7',
  createdAt: '2025-11-22T06:00:00.000Z',
  heldBecause: 'review',
};

const click = (container: HTMLElement, selector: string) =>
  act(async () => fireEvent.click(container.querySelector(selector)!));

async function renderQueue() {
  answerNext(200, { items: [held], nextCursor: null });
  const view = render(<ImageReviewQueue communityId="demo" />);
  await act(async () => undefined);
  return view;
}

describe('the office’s 图片 review queue', () => {
  beforeEach(() => {
    sessionToken.set('token-staff');
    languagePreference.clear();
  });

  it('shows each held photo large, what it is for, who uploaded it and why it is held', async () => {
    const { container } = await renderQueue();

    expect(sentRequest(0).url).toBe('https://api.linli.test/v1/communities/demo/content-reviews/images');
    const card = container.querySelector('#image-review-img_held')!;
    expect(card.querySelector('.image-gallery--large .image-gallery__thumb')).not.toBeNull();
    expect(card.textContent).toContain('商户门面照片');
    expect(card.textContent).toContain('上传人：member-7');
    expect(container.querySelector('#image-review-img_held-held')?.textContent).toBe('微信内容安全检查要求人工审核');
  });

  it('releases a photo with 放行', async () => {
    const { container } = await renderQueue();
    answerNext(200, anImage({ id: 'img_held', status: 'released' }));

    await click(container, '#image-release-img_held');

    expect(sentRequest(1)).toMatchObject({
      url: 'https://api.linli.test/v1/communities/demo/images/img_held/release',
      method: 'POST',
    });
    expect(container.querySelector('#image-review-img_held-result')?.textContent).toBe('已放行，照片可以公开展示了');
  });

  it('deletes a photo only with a reason', async () => {
    const { container } = await renderQueue();
    await click(container, '#image-remove-img_held');
    await click(container, '#image-remove-img_held-confirm');
    expect(sentRequest(1)).toBeUndefined();

    answerNext(200, { id: 'img_held', status: 'removed' });
    fireEvent.change(container.querySelector('#image-remove-img_held-reason')!, { target: { value: '含联系方式' } });
    await click(container, '#image-remove-img_held-confirm');

    expect(sentRequest(1)).toMatchObject({
      url: 'https://api.linli.test/v1/communities/demo/images/img_held/remove',
      method: 'POST',
      data: { reason: '含联系方式' },
    });
  });
});
