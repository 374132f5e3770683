import { CHINESE_BY_AREA, zhCN } from './messages';
import { en, ENGLISH_BY_AREA } from './english';
import KEYS_BEFORE_SPLIT from './keys-before-split.json';

/**
 * The catalogues were one file and two appendices until they were split by area; KEYS_BEFORE_SPLIT is
 * every key they held then (zh-CN and en had the same keys). A key may be added since, none lost.
 */
describe('message catalogues', () => {
  const catalogues = Object.entries(CHINESE_BY_AREA);

  it('lose no key of the catalogue before the split, in Chinese or English', () => {
    expect(KEYS_BEFORE_SPLIT.filter((key) => !Object.prototype.hasOwnProperty.call(zhCN, key))).toEqual([]);
    expect(KEYS_BEFORE_SPLIT.filter((key) => !Object.prototype.hasOwnProperty.call(en, key))).toEqual([]);
  });

  it('hold each key in one catalogue only', () => {
    const homes = new Map<string, string[]>();
    for (const [area, catalogue] of catalogues) {
      for (const key of Object.keys(catalogue)) homes.set(key, [...(homes.get(key) ?? []), area]);
    }

    expect([...homes].filter(([, areas]) => areas.length > 1)).toEqual([]);
    expect(homes.size).toBe(Object.keys(zhCN).length);
  });

  it('translate every key of a catalogue into English, and only those', () => {
    for (const [area, catalogue] of catalogues) {
      expect({ area, keys: Object.keys(ENGLISH_BY_AREA[area as keyof typeof ENGLISH_BY_AREA]).sort() }).toEqual({
        area,
        keys: Object.keys(catalogue).sort(),
      });
    }
  });
});

describe('photo errors (issue 19)', () => {
  it.each([
    'image.not_found',
    'image.wrong_type',
    'image.too_large',
    'image.unreadable',
    'image.not_uploaded',
    'image.wrong_purpose',
    'image.not_yours',
    'image.gone',
    'image.not_held',
    'image.too_many_pending',
    'image.upload_failed',
    'activity.not_ended',
    'wechat.push_rejected',
  ])('%s has a message in Chinese and English', (code) => {
    const key = `error.${code}`;

    expect(zhCN).toHaveProperty([key]);
    expect(en).toHaveProperty([key]);
  });
});
