export * from './schemas/common';
export * from './schemas/identity';
export * from './schemas/timebank';
export * from './schemas/market';
export * from './schemas/fund';
export * from './contracts';
export * from './points';
export * from './money';
