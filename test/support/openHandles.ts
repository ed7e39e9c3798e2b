import { waitFor } from './waiting';

/** The timers and TCP sockets this process holds, sorted: "TCPSocketWrap,Timeout,Timeout". */
export function openHandles(): string {
	return process
		.getActiveResourcesInfo()
		.filter((kind) => kind === 'Timeout' || kind === 'TCPSocketWrap')
		.sort()
		.join(',');
}

export function countOf(handles: string, kind: string): number {
	return handles.split(',').filter((entry) => entry === kind).length;
}

/**
 * The open handles once `settled` accepts them, or as they are after `timeoutMs`. Closing handshakes
 * (a ws close timer, a keep-alive expiry) end within moments, later on a loaded machine; a leaked
 * heartbeat or socket stays, so the caller's comparison still fails on a leak.
 */
export async function handlesOnceSettled(
	settled: (handles: string) => boolean,
	timeoutMs = 5_000,
): Promise<string> {
	await waitFor(() => settled(openHandles()), timeoutMs).catch(() => undefined);
	return openHandles();
}
