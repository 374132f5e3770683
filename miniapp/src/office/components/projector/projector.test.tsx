import { act, fireEvent, render } from '@testing-library/react';
import { languagePreference } from '../../../state/preferences';
import Projector from '.';

describe('Projector', () => {
  const requestFullscreen = jest.fn(() => Promise.resolve());

  beforeEach(() => {
    languagePreference.clear();
    document.documentElement.requestFullscreen = requestFullscreen;
  });

  function renderProjector(onExit = jest.fn()) {
    const view = render(
      <Projector id="projector" title="楼道清洁" onExit={onExit} aside={<span id="digits">123456</span>}>
        <div id="qr">QR</div>
      </Projector>,
    );
    return { ...view, onExit };
  }

  it('shows the title, the square and a big exit button, and asks the browser for full screen', () => {
    const { container, getByRole } = renderProjector();

    expect(getByRole('dialog', { name: '楼道清洁' })).toBeTruthy();
    expect(container.querySelector('.projector__square #qr')).not.toBeNull();
    expect(container.querySelector('#projector-exit')!.tagName).toBe('BUTTON');
    expect(container.querySelector('#projector-exit')!.textContent).toContain('退出投影');
    expect(requestFullscreen).toHaveBeenCalled();
  });

  it('exits on the exit button', () => {
    const { container, onExit } = renderProjector();

    act(() => fireEvent.click(container.querySelector('#projector-exit')!));

    expect(onExit).toHaveBeenCalledTimes(1);
  });

  it('exits on Escape, and not on other keys', () => {
    const { onExit } = renderProjector();

    act(() => fireEvent.keyDown(document, { key: 'Enter' }));
    expect(onExit).not.toHaveBeenCalled();
    act(() => fireEvent.keyDown(document, { key: 'Escape' }));
    expect(onExit).toHaveBeenCalledTimes(1);
  });

  it('exits when the browser leaves full screen by itself', () => {
    const { onExit } = renderProjector();
    let element: Element | null = document.documentElement;
    Object.defineProperty(document, 'fullscreenElement', { configurable: true, get: () => element });

    act(() => void document.dispatchEvent(new Event('fullscreenchange')));
    expect(onExit).not.toHaveBeenCalled();
    element = null;
    act(() => void document.dispatchEvent(new Event('fullscreenchange')));
    expect(onExit).toHaveBeenCalledTimes(1);
  });
});
