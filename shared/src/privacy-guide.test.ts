import { PRIVACY_GUIDE, PRIVACY_GUIDE_VERSION } from './privacy-guide';
import { CURRENT_CONSENT_VERSIONS, hasCurrentConsent } from './schemas/consents';

const LANGUAGES = ['zh-CN', 'en'] as const;
const ANSWERS = ['name', 'what', 'why', 'shownWhere', 'retention', 'whoSees'] as const;

describe('the privacy guide', () => {
  it('is versioned by the day it takes effect, the version consent is recorded against', () => {
    expect(PRIVACY_GUIDE_VERSION).toBe('2026-12-01');
    expect(PRIVACY_GUIDE.version).toBe(PRIVACY_GUIDE_VERSION);
    expect(PRIVACY_GUIDE.effectiveDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(CURRENT_CONSENT_VERSIONS.privacy_guide).toBe(PRIVACY_GUIDE_VERSION);
  });

  it('declares every kind of personal data Linli handles, location as not collected', () => {
    expect(PRIVACY_GUIDE.dataKinds.map((kind) => kind.id).sort()).toEqual(
      [
        'donations',
        'location',
        'nickname',
        'openid',
        'orders_payments',
        'phone',
        'photos',
        'service_records',
        'subscribe_messages',
        'volunteer_identity',
      ].sort(),
    );
    expect(PRIVACY_GUIDE.dataKinds.filter((kind) => !kind.collected).map((kind) => kind.id)).toEqual(['location']);
  });

  it.each(PRIVACY_GUIDE.dataKinds.map((kind) => [kind.id, kind] as const))(
    '%s: says what, why, where shown, how long and who sees it, in Chinese and English',
    (_id, kind) => {
      for (const answer of ANSWERS) {
        for (const language of LANGUAGES) expect(kind[answer][language].trim().length).toBeGreaterThan(1);
      }
    },
  );

  it('names the ID number as sealed and masked, and the volunteer purposes', () => {
    const identity = PRIVACY_GUIDE.dataKinds.find((kind) => kind.id === 'volunteer_identity')!;
    expect(identity.what['zh-CN']).toMatch(/加密/);
    expect(identity.what['zh-CN']).toMatch(/前 4 位和后 4 位/);
    expect(identity.why['zh-CN']).toMatch(/保险/);
    expect(identity.why['zh-CN']).toMatch(/志愿服务记录证明/);
  });

  it('states the rights and whom to contact, in both languages', () => {
    const ids = PRIVACY_GUIDE.sections.map((section) => section.id);
    expect(ids).toEqual(expect.arrayContaining(['rights', 'contact', 'children', 'sharing', 'protection']));
    const rights = PRIVACY_GUIDE.sections.find((section) => section.id === 'rights')!;
    const text = rights.paragraphs.map((paragraph) => paragraph['zh-CN']).join('');
    for (const right of ['查看', '复制', '更正', '删除', '注销', '撤回']) expect(text).toContain(right);
    const contact = PRIVACY_GUIDE.sections.find((section) => section.id === 'contact')!;
    expect(contact.paragraphs.map((paragraph) => paragraph['zh-CN']).join('')).toMatch(/社区办公室[\s\S]*平台运营方/);
    for (const section of PRIVACY_GUIDE.sections) {
      for (const paragraph of section.paragraphs)
        for (const language of LANGUAGES) expect(paragraph[language]).toBeTruthy();
    }
  });
});

describe('hasCurrentConsent', () => {
  const accepted = {
    kind: 'privacy_guide',
    version: PRIVACY_GUIDE_VERSION,
    acceptedAt: '2026-12-02T00:00:00Z',
  } as const;

  it('holds for the current version, standing', () => {
    expect(hasCurrentConsent([accepted], 'privacy_guide')).toBe(true);
  });

  it('fails for none, an older version, or a withdrawn one', () => {
    expect(hasCurrentConsent([], 'privacy_guide')).toBe(false);
    expect(hasCurrentConsent([{ ...accepted, version: '2025-01-01' }], 'privacy_guide')).toBe(false);
    expect(hasCurrentConsent([{ ...accepted, withdrawnAt: '2026-12-03T00:00:00Z' }], 'privacy_guide')).toBe(false);
  });
});
