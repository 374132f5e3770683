// Stands in for a polyfill the H5 build's target browsers do not need (config/index.ts).
