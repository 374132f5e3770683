import Taro from '@tarojs/taro';
import { createStoredValue, isNonEmptyString } from './stored-value';

describe('a stored value that follows other tabs', () => {
  const taroEnv = process.env.TARO_ENV;
  afterEach(() => {
    process.env.TARO_ENV = taroEnv;
  });

  /** Another tab of the app wrote `key`: the browser tells this one with a `storage` event. */
  const writtenInAnotherTab = (key: string, value: unknown) => {
    Taro.setStorageSync(key, value);
    window.dispatchEvent(new StorageEvent('storage', { key }));
  };

  it('takes the other tab’s value and tells its listeners, in the browser build', () => {
    process.env.TARO_ENV = 'h5';
    const language = createStoredValue('test.follow.language', 'zh-CN', isNonEmptyString, { followOtherTabs: true });
    const heard = jest.fn();
    language.subscribe(heard);
    expect(language.get()).toBe('zh-CN');

    writtenInAnotherTab('test.follow.language', 'en');

    expect(language.get()).toBe('en');
    expect(heard).toHaveBeenCalledTimes(1);
  });

  it('ignores other keys, and values that do not follow other tabs', () => {
    process.env.TARO_ENV = 'h5';
    const following = createStoredValue('test.follow.a', 'a', isNonEmptyString, { followOtherTabs: true });
    const staying = createStoredValue('test.follow.b', 'b', isNonEmptyString);
    const heard = jest.fn();
    following.subscribe(heard);
    expect([following.get(), staying.get()]).toEqual(['a', 'b']);

    writtenInAnotherTab('test.follow.b', 'changed');

    expect(staying.get()).toBe('b');
    expect(heard).not.toHaveBeenCalled();
  });
});
