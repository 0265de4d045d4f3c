/**
 * The two MIME types this extension renders. They repeat the constants of src/views/payloads.ts
 * on purpose: the extension shares only types with the model side, never runtime code
 * (test/extension checks that both spellings agree).
 */
export const NETWORK_MIME = 'application/vnd.clusterlab.network+json';
export const TIMESERIES_MIME = 'application/vnd.clusterlab.timeseries+json';
export const GROUP_MIME = 'application/vnd.clusterlab.group+json';
