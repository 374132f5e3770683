import { act, fireEvent, render, waitFor } from '@testing-library/react';
import { sessionToken } from '../../../state/session';
import { languagePreference } from '../../../state/preferences';
import { answerNext, sentRequest } from '../../../../test/answers';
import CheckinForm from '.';

async function typeCodeAndSubmit(container: HTMLElement, code: string) {
  fireEvent.change(container.querySelector('#checkin-code')!, { target: { value: code } });
  await act(async () => fireEvent.click(container.querySelector('#checkin-submit')!));
}

describe('CheckinForm (H5: the 6-digit code)', () => {
  beforeEach(() => {
    sessionToken.set('token-1');
    languagePreference.clear();
  });

  it('checks in with the typed code and says so', async () => {
    answerNext(200, { attendance: { id: 'att-1', status: 'open' }, claim: null });
    const { container } = render(<CheckinForm communityId="demo" activityId="activity-1" />);

    await typeCodeAndSubmit(container, '012345');

    expect(sentRequest()).toMatchObject({
      url: 'https://api.linli.test/v1/communities/demo/checkins',
      method: 'POST',
      data: { activityId: 'activity-1', code: '012345', direction: 'in' },
    });
    expect(container.querySelector('#checkin-result')?.textContent).toContain('签到成功');
    expect(container.querySelector('#checkin-scan')?.textContent).toBe('扫码签到'); // the camera, in a browser too
  });

  it('checks out and tells the minutes and points waiting for approval', async () => {
    answerNext(200, { attendance: { id: 'att-1', status: 'closed' }, claim: { minutes: 90, points: 1 } });
    const { container } = render(<CheckinForm communityId="demo" activityId="activity-1" />);

    fireEvent.click(container.querySelector('#checkin-direction-out')!);
    await typeCodeAndSubmit(container, '654321');

    expect(sentRequest().data).toEqual({ activityId: 'activity-1', code: '654321', direction: 'out' });
    expect(container.querySelector('#checkin-result')?.textContent).toBe(
      '签退成功！本次服务 90 分钟，1 积分待社区审核。',
    );
  });

  it.each([
    ['checkin.invalid_code', 400, '签到码不正确或已过期，请输入屏幕上最新的 6 位数字'],
    ['checkin.outside_window', 409, '现在不在活动签到时间内'],
    ['checkin.capacity_full', 409, '活动人数已满，无法签到'],
  ])('shows %s in plain Chinese', async (code, status, text) => {
    answerNext(status, { error: { code, message: 'english server text' } });
    const { container } = render(<CheckinForm communityId="demo" activityId="activity-1" />);

    await typeCodeAndSubmit(container, '123456');

    expect(container.querySelector('#checkin-error')?.textContent).toBe(text);
    expect(container.querySelector('#checkin-result')).toBeNull();
  });

  it('asks for six digits instead of sending a short code', async () => {
    const { container } = render(<CheckinForm communityId="demo" activityId="activity-1" />);

    await typeCodeAndSubmit(container, '12a4');

    expect(sentRequest()).toBeUndefined();
    expect(container.querySelector('#checkin-error')?.textContent).toBe('请输入 6 位数字签到码');
  });
});

describe('CheckinForm (H5: the camera)', () => {
  const track = { stop: jest.fn() };

  beforeAll(() => {
    jest.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
    jest.spyOn(HTMLVideoElement.prototype, 'videoWidth', 'get').mockReturnValue(640);
  });

  beforeEach(() => {
    sessionToken.set('token-1');
    languagePreference.clear();
  });

  afterEach(() => {
    Object.defineProperty(navigator, 'mediaDevices', { value: undefined, configurable: true });
    delete (globalThis as { BarcodeDetector?: unknown }).BarcodeDetector;
  });

  function cameraShowing(text: string) {
    const getUserMedia = () => Promise.resolve({ getTracks: () => [track] });
    Object.defineProperty(navigator, 'mediaDevices', { value: { getUserMedia }, configurable: true });
    (globalThis as { BarcodeDetector?: unknown }).BarcodeDetector = Object.assign(
      function BarcodeDetector() {
        return { detect: () => Promise.resolve([{ rawValue: text }]) };
      },
      { getSupportedFormats: () => Promise.resolve(['qr_code']) },
    );
  }

  it('checks in with the QR code the camera reads', async () => {
    cameraShowing('linli-checkin:activity-1:58123456:c2lnbmF0dXJl');
    answerNext(200, { attendance: { id: 'att-1', status: 'open' }, claim: null });
    const { container } = render(<CheckinForm communityId="demo" activityId="activity-1" />);

    await act(async () => fireEvent.click(container.querySelector('#checkin-scan')!));

    await waitFor(() => expect(container.querySelector('#checkin-result')?.textContent).toContain('签到成功'));
    expect(sentRequest().data).toEqual({
      activityId: 'activity-1',
      token: 'linli-checkin:activity-1:58123456:c2lnbmF0dXJl',
      direction: 'in',
    });
    expect(track.stop).toHaveBeenCalled();
    expect(container.querySelector('#checkin-scanner')).toBeNull();
  });

  it('refuses a QR code that is not this activity’s check-in', async () => {
    cameraShowing('https://example.com/not-ours');
    const { container } = render(<CheckinForm communityId="demo" activityId="activity-1" />);

    await act(async () => fireEvent.click(container.querySelector('#checkin-scan')!));

    await waitFor(() => expect(container.querySelector('#checkin-error')).not.toBeNull());
    expect(sentRequest()).toBeUndefined();
  });

  it('says the camera was refused, and the typed code still checks in', async () => {
    const getUserMedia = () => Promise.reject(new DOMException('no', 'NotAllowedError'));
    Object.defineProperty(navigator, 'mediaDevices', { value: { getUserMedia }, configurable: true });
    answerNext(200, { attendance: { id: 'att-1', status: 'open' }, claim: null });
    const { container } = render(<CheckinForm communityId="demo" activityId="activity-1" />);

    await act(async () => fireEvent.click(container.querySelector('#checkin-scan')!));
    await waitFor(() => expect(container.querySelector('#checkin-scanner-problem')).not.toBeNull());
    await typeCodeAndSubmit(container, '012345');

    expect(container.querySelector('#checkin-scanner-problem')?.textContent).toContain('没有打开摄像头');
    expect(sentRequest().data).toEqual({ activityId: 'activity-1', code: '012345', direction: 'in' });
    expect(container.querySelector('#checkin-result')?.textContent).toContain('签到成功');
  });
});
