import Taro from '@tarojs/taro';
import { act, fireEvent, render } from '@testing-library/react';
import { languagePreference } from '../../../state/preferences';
import { currentCommunityId, sessionToken } from '../../../state/session';
import { answerNext } from '../../../../test/answers';
import { aMeResponse } from '../../../../test/factories';
import { ROUTES } from '../../../route-table';
import { OFFICE_SECTIONS, officeLinkOf } from '../../sections';
import OfficePage from '.';

function windowWidth(width: number) {
  window.matchMedia = jest.fn((query: string) => ({
    matches: width >= 1024,
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

async function renderHome() {
  login += 1;
  sessionToken.set(`token-home-${login}`);
  currentCommunityId.set('demo');
  answerNext(200, aMeResponse({ member: { ...aMeResponse().member, roles: ['staff'] } }));
  const view = render(<OfficePage />);
  await act(async () => undefined);
  return view;
}

const allLinks = OFFICE_SECTIONS.flatMap((section) => section.links);

describe('the office home', () => {
  beforeEach(() => languagePreference.clear());

  it('on a phone: one row per place under each section title, in the sections’ order', async () => {
    windowWidth(414);
    const { container } = await renderHome();

    expect([...container.querySelectorAll('.nav-row')].map((row) => row.id)).toEqual(allLinks.map((link) => link.id));
    expect([...container.querySelectorAll('.section-title')].map((title) => title.textContent)).toEqual([
      '时间银行',
      '积分超市',
      '商户联盟',
      '手作小店',
      '公益基金',
      '社区管理',
    ]);
    expect(container.querySelector('#office-sections')).toBeNull();
  });

  it('at a desk: a card of tile buttons per section, the same places, no rows', async () => {
    windowWidth(1280);
    const { container } = await renderHome();

    expect(container.querySelectorAll('#office-sections section')).toHaveLength(OFFICE_SECTIONS.length);
    const tiles = [...container.querySelectorAll<HTMLButtonElement>('#office-sections button.office-tile')];
    expect(tiles.map((tile) => tile.id)).toEqual(allLinks.map((link) => link.id));
    expect(container.querySelectorAll('.nav-row')).toHaveLength(0);

    await act(async () => fireEvent.click(container.querySelector('#office-sections #office-claims')!));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: ROUTES.officeClaims });
  });
});

describe('OFFICE_SECTIONS', () => {
  it('lists each place once, by a unique id and page', () => {
    expect(new Set(allLinks.map((link) => link.id)).size).toBe(allLinks.length);
    expect(new Set(allLinks.map((link) => link.route)).size).toBe(allLinks.length);
  });

  it('finds the place a page belongs to, by its own route or as a page opened from it', () => {
    expect(officeLinkOf('/office/pages/orders/index')?.id).toBe('office-orders');
    expect(officeLinkOf('office/pages/roster/index?activityId=a1')?.id).toBe('office-activities');
    expect(officeLinkOf('/pages/home/index')).toBeUndefined();
  });
});
