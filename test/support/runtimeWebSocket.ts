import { WebSocket } from 'undici';

/**
 * The HST Event Trigger uses the runtime's WebSocket, which Node 22 and later provide (undici's
 * implementation). This machine's Node 20 has none, so in-process tests install the same
 * implementation from the undici package; the e2e tests run the trigger on Node 24 and 22 themselves.
 */
if (typeof (globalThis as { WebSocket?: unknown }).WebSocket === 'undefined') {
	Object.assign(globalThis, { WebSocket });
}
