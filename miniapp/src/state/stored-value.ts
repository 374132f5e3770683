import Taro from '@tarojs/taro';
import { useSyncExternalStore } from 'react';

/** A value kept in Taro storage that React components can subscribe to (one source of truth per key). */
export interface StoredValue<Value> {
  get(): Value;
  set(value: Value): void;
  clear(): void;
  subscribe(listener: () => void): () => void;
}

/**
 * A value kept under `storageKey` (Taro storage: `localStorage` in the browser). With
 * `followOtherTabs`, a browser tab follows a change made in another tab of the app (the `storage`
 * event: a language or large-text switch on 我的 in one tab of the office console shows in the others).
 */
export function createStoredValue<Value>(
  storageKey: string,
  fallback: Value,
  isValue: (raw: unknown) => raw is Value,
  options: { followOtherTabs?: boolean } = {},
): StoredValue<Value> {
  const listeners = new Set<() => void>();
  let loaded: { value: Value } | undefined;

  const readStorage = (): Value => {
    try {
      const raw: unknown = Taro.getStorageSync(storageKey);
      return isValue(raw) ? raw : fallback;
    } catch {
      return fallback;
    }
  };
  const publish = (value: Value) => {
    loaded = { value };
    listeners.forEach((listener) => listener());
  };

  if (options.followOtherTabs && process.env.TARO_ENV === 'h5' && typeof window !== 'undefined') {
    window.addEventListener('storage', (event) => {
      if (event.key === storageKey || event.key === null) publish(readStorage());
    });
  }

  return {
    get() {
      if (!loaded) loaded = { value: readStorage() };
      return loaded.value;
    },
    set(value) {
      Taro.setStorageSync(storageKey, value);
      publish(value);
    },
    clear() {
      Taro.removeStorageSync(storageKey);
      publish(fallback);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export function useStoredValue<Value>(store: StoredValue<Value>): Value {
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}

export const isNonEmptyString = (raw: unknown): raw is string => typeof raw === 'string' && raw.length > 0;
export const isBoolean = (raw: unknown): raw is boolean => typeof raw === 'boolean';
