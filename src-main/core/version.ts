// The product's version has one source, package.json: the CLI's `--version`, the preview host
// and the packaged app (electron-builder reads the same field) can never disagree. Bundlers
// inline the one named field, not the whole manifest.
import { version } from '../../package.json';

export const APP_VERSION: string = version;
