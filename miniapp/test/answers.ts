import Taro from '@tarojs/taro';

/** Queues the next answer of the Taro.request double, shaped like Taro's success result. */
export function answerNext(statusCode: number, data: unknown): void {
  jest.mocked(Taro.request).mockResolvedValueOnce({ statusCode, data, header: {}, errMsg: 'request:ok' } as never);
}

/** What the component sent with its n-th request (0-based). */
export function sentRequest(index = 0): Taro.request.Option {
  return jest.mocked(Taro.request).mock.calls[index]?.[0] as Taro.request.Option;
}
