import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { firstScreenKeys } from '../../config/first-screen-texts';
import { FIRST_SCREEN_TEXTS_FILE, firstScreenTextsModule } from '../../scripts/write-first-screen-texts';
import { FIRST_SCREEN_CHINESE } from './first-screen-texts';
import { zhCN } from './messages';

/**
 * The H5 entry script carries only the first screen's Chinese (issue 21); the file it is read from must
 * be what the sources need now — else a new text on 我的 would show empty on a slow first load.
 */
describe('the first screen’s Chinese', () => {
  it('is written as the sources need it now (run `npm run texts:first-screen -w miniapp` after changing them)', () => {
    expect(readFileSync(FIRST_SCREEN_TEXTS_FILE, 'utf8') === firstScreenTextsModule()).toBe(true);
  });

  it('holds each text as the whole catalogue does, every error, and the login and 我的 texts', () => {
    const keys = Object.keys(FIRST_SCREEN_CHINESE) as (keyof typeof zhCN)[];

    expect(keys.filter((key) => FIRST_SCREEN_CHINESE[key] !== zhCN[key])).toEqual([]);
    expect(Object.keys(zhCN).filter((key) => key.startsWith('error.') && !keys.includes(key as never))).toEqual([]);
    expect(keys.some((key) => key.startsWith('login.')) && keys.some((key) => key.startsWith('me.'))).toBe(true);
    // Far less than the whole: pages opened later bring their own texts with the rest of the catalogue.
    expect(keys.length < Object.keys(zhCN).length / 3).toBe(true);
  });

  it('follows static imports only, reads literals and template families, and skips the catalogues', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'first-texts-'));
    const write = (file: string, text: string) => {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), text);
    };
    write('app.tsx', "import { a } from './parts/a';\nimport type { T } from './parts/typed';\nt('app.title');");
    write('parts/a.ts', "export const a = () => import('./lazy');\nconst k = `error.${code}`;");
    write('parts/typed.ts', "t('typed.only');");
    write('parts/lazy.ts', "t('lazy.page');");
    write('i18n/messages.ts', "export const zhCN = { 'messages.all': '' };");
    for (const page of ['pages/home/index.tsx', 'pages/login/index.tsx', 'pages/me/index.tsx']) {
      write(page, "import { zhCN } from '../../i18n/messages';\nt('me.page');");
    }
    const all = ['app.title', 'error.one', 'error.two', 'typed.only', 'lazy.page', 'messages.all', 'me.page', 'other'];

    expect(firstScreenKeys(root, all)).toEqual(['app.title', 'error.one', 'error.two', 'me.page']);
  });
});
