import { act, render } from '@testing-library/react';
import { routerPath } from '../../../../test/doubles/taro';
import type { Role } from '@linli/shared';
import { languagePreference } from '../../../state/preferences';
import { currentCommunityId, sessionToken } from '../../../state/session';
import { answerNext } from '../../../../test/answers';
import { aMeResponse } from '../../../../test/factories';
import OfficeLayout from '.';

/** The window's width as `matchMedia` reports it to the desk-layout hook. */
function windowWidth(width: number) {
  window.matchMedia = jest.fn((query: string) => ({
    matches: width >= Number(/min-width: (\d+)px/.exec(query)?.[1] ?? 0),
    media: query,
    onchange: null,
    addEventListener: jest.fn(),
    removeEventListener: jest.fn(),
    addListener: jest.fn(),
    removeListener: jest.fn(),
    dispatchEvent: jest.fn(),
  }));
}

let login = 0;

async function renderOffice(roles: Role[]) {
  login += 1;
  sessionToken.set(`token-layout-${login}`);
  currentCommunityId.set('demo');
  answerNext(200, aMeResponse({ member: { ...aMeResponse().member, roles } }));
  const view = render(
    <OfficeLayout title="office.claims">
      {({ desk }) => <p id="office-body">{desk ? 'desk' : 'phone'}</p>}
    </OfficeLayout>,
  );
  await act(async () => undefined);
  return view;
}

describe('OfficeLayout', () => {
  beforeEach(() => {
    languagePreference.clear();
    routerPath.value = '/office/pages/claims/index';
  });

  it('gives staff at a desk-wide window the sections sidebar, the current one marked', async () => {
    windowWidth(1280);
    const { container, getByRole } = await renderOffice(['staff']);

    expect(container.querySelector('.page')!.className).toBe('page page--desk');
    const sidebar = getByRole('navigation', { name: '办公分区' });
    const groups = [...sidebar.querySelectorAll('h2')].map((title) => title.textContent);
    expect(groups).toEqual(['时间银行', '积分超市', '商户联盟', '手作小店', '公益基金', '社区管理']);
    const current = sidebar.querySelectorAll('[aria-current="page"]');
    expect([...current].map((link) => link.id)).toEqual(['office-nav-claims']);
    expect(container.querySelector('#office-body')!.textContent).toBe('desk');
  });

  it('marks the activities link on a page opened from an activity', async () => {
    windowWidth(1280);
    routerPath.value = '/office/pages/checkin-code/index';
    const { container } = await renderOffice(['staff']);

    expect(container.querySelector('[aria-current="page"]')!.id).toBe('office-nav-activities');
  });

  it('keeps the phone column below 1024 px', async () => {
    windowWidth(1000);
    const { container } = await renderOffice(['staff']);

    expect(container.querySelector('.page')!.className).toBe('page');
    expect(container.querySelector('#office-sidebar')).toBeNull();
    expect(container.querySelector('#office-body')!.textContent).toBe('phone');
  });

  it('shows a resident at a desk no sidebar, only that the page is for staff', async () => {
    windowWidth(1920);
    const { container } = await renderOffice(['resident']);

    expect(container.querySelector('#office-sidebar')).toBeNull();
    expect(container.querySelector('#office-forbidden')).not.toBeNull();
  });
});
