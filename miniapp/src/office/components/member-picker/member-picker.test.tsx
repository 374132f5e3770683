import { act, fireEvent, render } from '@testing-library/react';
import { useState } from 'react';
import type { MemberView } from '@linli/shared';
import { languagePreference } from '../../../state/preferences';
import { sessionToken } from '../../../state/session';
import { answerNext, sentRequest } from '../../../../test/answers';
import MemberPicker from '.';

const member = (id: string, displayName: string, memberNo?: number): MemberView => ({
  id,
  roles: ['resident'],
  displayName,
  joinedAt: '2025-01-01T00:00:00.000Z',
  ...(memberNo === undefined ? {} : { memberNo }),
});

function Picker() {
  const [selected, setSelected] = useState<MemberView>();
  return <MemberPicker communityId="demo" selected={selected} onSelect={setSelected} />;
}

describe('MemberPicker', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    sessionToken.set('token-1');
    languagePreference.clear();
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('finds a member by the number they read out, and shows each member with theirs (issue 21)', async () => {
    answerNext(200, { items: [member('m1', '刘大爷', 1001), member('m2', '王阿姨')], nextCursor: null });
    const { container } = render(<Picker />);
    await act(async () => undefined);
    expect(container.querySelector('#member-search')!.getAttribute('placeholder')).toBe('输入姓名或编号查找');
    expect(container.querySelector('#member-m1')!.textContent).toContain('编号 1001');
    expect(container.querySelector('#member-m2')!.textContent).not.toContain('编号');

    answerNext(200, { items: [member('m7', '孙奶奶', 1024)], nextCursor: null });
    fireEvent.change(container.querySelector('#member-search')!, { target: { value: '1024' } });
    await act(async () => jest.advanceTimersByTime(300));
    await act(async () => undefined);

    expect(sentRequest(1).url).toBe('https://api.linli.test/v1/communities/demo/members?q=1024');
    await act(async () => fireEvent.click(container.querySelector('#member-m7')!));
    expect(container.querySelector('#member-selected')!.textContent).toBe('已选择：孙奶奶（编号 1024）');
  });
});
