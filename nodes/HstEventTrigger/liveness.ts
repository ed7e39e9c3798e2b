/**
 * The liveness rule, checked every half heartbeat interval: any frame proves life; silence for more
 * than 1.5 intervals means the connection is dead (half-open connections look healthy to TCP), which
 * is therefore noticed at most 2 intervals after the last frame. A heartbeat goes out once per interval.
 */
export function liveness(
	now: number,
	lastFrameAt: number,
	lastHeartbeatAt: number,
	intervalMs: number,
): 'dead' | 'heartbeat' | 'alive' {
	if (now - lastFrameAt > intervalMs * 1.5) return 'dead';
	if (now - lastHeartbeatAt >= intervalMs) return 'heartbeat';
	return 'alive';
}
