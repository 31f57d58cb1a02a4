import pkg from '../../package.json';

/** The CLI has no Electron `app.getVersion()`; read the same number from package.json at build time. */
export const APP_VERSION: string = pkg.version;
