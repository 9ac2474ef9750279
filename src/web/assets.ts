import path from 'node:path';
import { PROJECT_ROOT } from '../config';

/** Where `npm run build` writes the bundled front end (git-ignored; copied into the image with dist/). */
export const WEB_ASSETS_DIR = path.join(PROJECT_ROOT, 'dist/web');

/** URL prefix under which the bundled files are served. */
export const WEB_ASSETS_PATH = '/web';
