/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.jpg';
declare module '*.svg';
declare module '*.css';
declare module '*.scss';

/** Where the API lives: '' means the same origin (H5 behind the static server or CDN). Set at build time. */
declare const LINLI_API_BASE: string;
/** 'dev' enables the development login. Set at build time from LINLI_STAGE. */
declare const LINLI_STAGE: string;

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production' | 'test';
    TARO_ENV: 'weapp' | 'h5' | 'swan' | 'alipay' | 'tt' | 'qq' | 'jd' | 'harmony' | 'rn';
    LINLI_API_BASE?: string;
    LINLI_STAGE?: string;
  }
}
