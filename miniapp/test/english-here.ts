import { loadEnglish } from '../src/i18n';

// On H5 the English catalogue is a chunk fetched when a reader chooses English (src/i18n/index.ts); a
// component test switches language and reads the English at once, as after the chunk has arrived.
// src/i18n/i18n.test.tsx checks the screen while it is on its way.
beforeAll(() => loadEnglish());
