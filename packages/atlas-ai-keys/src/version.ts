/** This package's version; kept equal to package.json by a test and by `pnpm version-packages`. */
export const VERSION = '0.1.0';
