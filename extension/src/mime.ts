/**
 * The MIME types this extension renders, from the payload schema it shares with the model side
 * (src/views/payloads.ts holds constants and types only, and is bundled in).
 */
export { GROUP_MIME, NETWORK_MIME, TIMESERIES_MIME } from '../../src/views/payloads';
