import type { PluginObj, types } from '@babel/core';

/** The Babel plugin of browser-contracts.js (its doc comment says what it does). */
declare function browserContracts(babel: { types: typeof types }): PluginObj;
export = browserContracts;
