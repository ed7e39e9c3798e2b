import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

type RequestHandler = (request: IncomingMessage, response: ServerResponse) => Promise<void> | void;

export interface RunningServer {
	server: Server;
	port: number;
	url: string;
	close(): Promise<void>;
}

export class PortInUseError extends Error {
	constructor(
		readonly port: number,
		readonly what: string,
	) {
		super(
			`${what}: port ${port} on 127.0.0.1 is already in use. Stop what uses it or choose another port.`,
		);
	}
}

/** Listens on 127.0.0.1 only; port 0 picks a free one. `close()` also ends kept-alive sockets. */
export async function listen(
	handler: RequestHandler,
	port: number,
	what: string,
): Promise<RunningServer> {
	const sockets = new Set<Socket>();
	const server = createServer((request, response) => {
		Promise.resolve(handler(request, response)).catch((error: unknown) => {
			if (!response.headersSent) {
				response.writeHead(500, { 'Content-Type': 'application/json' });
				response.end(JSON.stringify({ error: `sandbox failure: ${(error as Error).message}` }));
			} else {
				response.destroy();
			}
		});
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', (error: NodeJS.ErrnoException) =>
			reject(error.code === 'EADDRINUSE' ? new PortInUseError(port, what) : error),
		);
		server.listen(port, '127.0.0.1', () => resolve());
	});
	const actualPort = (server.address() as AddressInfo).port;
	return {
		server,
		port: actualPort,
		url: `http://127.0.0.1:${actualPort}`,
		close: async () => {
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
