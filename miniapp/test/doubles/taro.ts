/**
 * The part of `@tarojs/taro` the mini-program uses, for jsdom tests: storage in memory,
 * navigation and network as jest mocks (tests set `request` answers themselves).
 */
const storage = new Map<string, unknown>();
const resolved = (errMsg: string) => jest.fn(() => Promise.resolve({ errMsg }));

const fileSystem = { readFileSync: jest.fn(), readFile: jest.fn() };

type Listener = (...args: never[]) => void;
const listeners = new Map<string, Set<Listener>>();

/** Taro's event centre (`Taro.eventCenter`, as the H5 router triggers `__taroRouterChange` on it). */
export const eventCenter = {
  on(name: string, listener: Listener) {
    listeners.set(name, (listeners.get(name) ?? new Set()).add(listener));
    return eventCenter;
  },
  off(name: string, listener: Listener) {
    listeners.get(name)?.delete(listener);
    return eventCenter;
  },
  trigger(name: string, ...args: unknown[]) {
    for (const listener of [...(listeners.get(name) ?? [])]) (listener as (...values: unknown[]) => void)(...args);
    return eventCenter;
  },
};

const Taro = {
  eventCenter,
  getStorageSync: (key: string): unknown => (storage.has(key) ? storage.get(key) : ''),
  setStorageSync: (key: string, value: unknown): void => {
    storage.set(key, value);
  },
  removeStorageSync: (key: string): void => {
    storage.delete(key);
  },
  clearStorageSync: (): void => storage.clear(),
  request: jest.fn(),
  login: jest.fn(() => Promise.resolve({ code: 'wx-code', errMsg: 'login:ok' })),
  reLaunch: resolved('reLaunch:ok'),
  switchTab: resolved('switchTab:ok'),
  navigateTo: resolved('navigateTo:ok'),
  redirectTo: resolved('redirectTo:ok'),
  navigateBack: resolved('navigateBack:ok'),
  scanCode: jest.fn(() => Promise.reject(new Error('scanCode is not available in tests'))),
  setNavigationBarTitle: resolved('setNavigationBarTitle:ok'),
  setTabBarItem: resolved('setTabBarItem:ok'),
  setClipboardData: resolved('setClipboardData:ok'),
  downloadFile: jest.fn(),
  /** What a failed `downloadFile` saved: tests set `readFileSync`'s answer. */
  getFileSystemManager: () => fileSystem,
  openDocument: resolved('openDocument:ok'),
  shareFileMessage: resolved('shareFileMessage:ok'),
  env: { USER_DATA_PATH: 'wxfile://usr' },
  requestSubscribeMessage: jest.fn(),
  chooseImage: jest.fn(),
  previewImage: resolved('previewImage:ok'),
  /** The page shown: `routerPath` and `routerParams` (a test sets them). */
  getCurrentPages: () => [{}],
  getCurrentInstance: () => ({ router: { path: routerPath.value, params: routerParams } }),
};

/** The current page's path for `getCurrentInstance` (the home tab unless a test says otherwise). */
export const routerPath = { value: '/pages/home/index' };

/** The current page's query; tests set `routerParams` before rendering a page. */
export const routerParams: Record<string, string> = {};
export const useRouter = () => ({ params: routerParams, path: '' });
export const useDidShow = (_callback: () => void): void => undefined;

export default Taro;
