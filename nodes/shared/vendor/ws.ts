/**
 * The WebSocket client, bundled into dist by the build (see gulpfile.js): n8n's verification allows no
 * runtime dependencies, and Node 20 (n8n 1.x) has no global WebSocket.
 */
export { WebSocket } from 'ws';
export type { RawData } from 'ws';
