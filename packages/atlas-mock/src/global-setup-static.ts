import { atlasMockGlobalSetup } from './global-setup.js';

/** Vitest global setup of a static mock (the spec's examples), shared by the whole run. */
export default atlasMockGlobalSetup({ mode: 'static' });
