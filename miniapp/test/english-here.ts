import { loadChinese, loadEnglish } from '../src/i18n';

// On H5 the English catalogue is a chunk fetched when a reader chooses English, and the Chinese beyond the
// first screen's texts a chunk fetched as the app starts (src/i18n/index.ts); a component test renders any
// page and switches language at once, as after both chunks have arrived. src/i18n/i18n.test.tsx checks
// the screen while they are on their way.
beforeAll(() => Promise.all([loadEnglish(), loadChinese()]));
