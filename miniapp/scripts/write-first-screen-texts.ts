import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { firstScreenKeys } from '../config/first-screen-texts';
import { zhCN } from '../src/i18n/messages';

/** Where the first screen's Chinese is written (read by src/i18n/index.ts). */
export const FIRST_SCREEN_TEXTS_FILE = path.join(__dirname, '..', 'src', 'i18n', 'first-screen-texts.ts');

/** The module `npm run texts:first-screen -w miniapp` writes: the first screen's keys with their Chinese. */
export function firstScreenTextsModule(): string {
  const keys = firstScreenKeys(path.join(__dirname, '..', 'src'), Object.keys(zhCN));
  const lines = keys.map((key) => `  ${JSON.stringify(key)}: ${JSON.stringify(zhCN[key as keyof typeof zhCN])},`);
  return [
    '// Written by `npm run texts:first-screen -w miniapp` (config/first-screen-texts.ts) — do not edit;',
    '// first-screen-texts.test.ts fails when it is not what the sources need now.',
    "import type { Messages } from './messages';",
    '',
    '/** The Chinese texts the H5 first screen (首页, 登录, 我的 and the app around them) shows (issue 21). */',
    'export const FIRST_SCREEN_CHINESE: Partial<Messages> = {',
    ...lines,
    '};',
    '',
  ].join('\n');
}

if (require.main === module) {
  writeFileSync(FIRST_SCREEN_TEXTS_FILE, firstScreenTextsModule());
  console.log(`wrote ${path.relative(process.cwd(), FIRST_SCREEN_TEXTS_FILE)}`);
}
