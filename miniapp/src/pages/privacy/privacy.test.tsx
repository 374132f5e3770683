import Taro from '@tarojs/taro';
import { act, fireEvent, render } from '@testing-library/react';
import { PRIVACY_GUIDE } from '@linli/shared';
import { languagePreference } from '../../state/preferences';
import { sessionToken } from '../../state/session';
import PrivacyPage from '.';

describe('PrivacyPage (no login)', () => {
  beforeEach(() => {
    sessionToken.clear();
    languagePreference.set('zh-CN');
  });

  it('shows every kind of data with its purpose and how long it is kept, and makes no call', () => {
    const { container } = render(<PrivacyPage />);

    expect(container.querySelector('#privacy-version')?.textContent).toContain('2026-12-01');
    for (const kind of PRIVACY_GUIDE.dataKinds) {
      const block = container.querySelector(`#privacy-kind-${kind.id}`);
      expect(block?.textContent).toContain(kind.name['zh-CN']);
      if (kind.collected) {
        expect(block?.textContent).toContain(kind.why['zh-CN']);
        expect(block?.textContent).toContain(kind.retention['zh-CN']);
      } else {
        expect(block?.textContent).toContain('不收集');
      }
    }
    expect(container.querySelector('#privacy-section-rights')).not.toBeNull();
    expect(container.querySelector('#privacy-section-contact')).not.toBeNull();
    expect(Taro.request).not.toHaveBeenCalled();
  });

  it('shows the English text in English', () => {
    act(() => languagePreference.set('en'));
    const { container } = render(<PrivacyPage />);

    expect(container.textContent).toContain(PRIVACY_GUIDE.title.en);
    expect(container.querySelector('#privacy-kind-location')?.textContent).toContain('Not collected');
  });

  it('has a way back', () => {
    const { container } = render(<PrivacyPage />);

    fireEvent.click(container.querySelector('#privacy-back')!);

    expect(Taro.navigateBack).toHaveBeenCalled();
  });
});
