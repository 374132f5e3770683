// Build-time constants that Taro's DefinePlugin provides in a real build.
const buildConstants = globalThis as unknown as { LINLI_API_BASE: string; LINLI_STAGE: string };
buildConstants.LINLI_API_BASE = 'https://api.linli.test';
buildConstants.LINLI_STAGE = 'dev';
process.env.TARO_ENV = 'h5';
