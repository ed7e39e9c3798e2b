import type { IncomingMessage, ServerResponse } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';

import {
	EGW_ADDRESS_PATH,
	EGW_APP_TYPE,
	EGW_OK,
	EgwEvent,
	EgwRequest,
	type EgwAppFilter,
	type EgwEventFrame,
} from '../../nodes/shared/hst/egw';
import { sendJson } from '../http/exchange';
import { HttpEmulator, type ControlInput } from '../http/httpEmulator';
import { EgwEventGenerator, type GeneratorSettings } from './egwGenerator';
import type { EgwState, ScriptedEvent } from './egwState';
import type { TokenRegistry } from './tokens';
import type { HstWorld } from './world';

/** Non-zero `result` codes of the emulator (HST documents none; these say what went wrong). */
const EgwRefusal = {
	TOKEN_INVALID: 10001,
	NOT_LOGGED_IN: 10002,
	UNKNOWN_APP: 10003,
	BAD_REQUEST: 10004,
} as const;

/** The gateway answers request N with frame N + 1 (docs/vendors/hst.md#event-gateway-ids). */
const replyTo = (request: number): number => request + 1;

const PUSHED_EVENT_IDS = new Set<number>(Object.values(EgwEvent));
const isPushedEventId = (id: unknown): boolean =>
	typeof id === 'number' && PUSHED_EVENT_IDS.has(id);

interface Session {
	socket: WebSocket;
	developerId?: string;
	apps: Set<string>;
	/** Half-open: the TCP connection stays up, but nothing is read or sent any more. */
	deaf: boolean;
}

interface EgwEmulatorOptions {
	port?: number;
	world: HstWorld;
	tokens: TokenRegistry;
}

/**
 * The HST event gateway (EGW) with the corrected protocol of docs/vendors/hst.md#event-gateway-egw (where it
 * differs: docs/vendors/hst.md#sandbox-differences), and its access server (`GET /server/address`) on the same
 * port. Logins are checked against the business gateway's tokens. Events come from tests, the CLI or a steady
 * generator; faults come on demand.
 */
export class EgwEmulator extends HttpEmulator {
	readonly state: EgwState;
	private readonly sessions = new Set<Session>();
	private readonly generators = new Map<string, EgwEventGenerator>();
	private loginRejections = 0;
	/** Events still to be swallowed per app: applied and versioned, never sent (lost frames). */
	private readonly swallowed = new Map<string, number>();
	private wss?: WebSocketServer;
	private readonly stopRecordingEvents: () => void;

	private constructor(private readonly options: EgwEmulatorOptions) {
		super();
		this.state = options.world.rooms;
		// A recording task's every status change reaches its app's subscribers as 20104.
		this.stopRecordingEvents = options.world.recordings.onStatus(({ task, message }) => {
			this.push({
				appId: task.appId,
				id: EgwEvent.RECORDING_STATUS,
				groupId: task.groupId,
				userId: '',
				recordId: task.recordId,
				recordStatus: task.status,
				recordMessage: message,
			});
		});
	}

	static async start(options: EgwEmulatorOptions): Promise<EgwEmulator> {
		const emulator = new EgwEmulator(options);
		await emulator.listenOn(options.port ?? 0, 'HST event gateway');
		emulator.wss = new WebSocketServer({ server: emulator.httpServer });
		emulator.wss.on('connection', (socket) => emulator.accept(socket));
		return emulator;
	}

	override async close(): Promise<void> {
		this.stopRecordingEvents();
		for (const generator of this.generators.values()) generator.stop();
		for (const session of this.sessions) session.socket.terminate();
		await new Promise<void>((resolve) => (this.wss ? this.wss.close(() => resolve()) : resolve()));
		await super.close();
	}

	get websocketUrl(): string {
		return this.url.replace(/^http/, 'ws');
	}

	/** Applies an event and pushes it to every session subscribed to its app. */
	push(event: ScriptedEvent): EgwEventFrame {
		const frame = this.state.record(event);
		const toSwallow = this.swallowed.get(event.appId) ?? 0;
		if (toSwallow > 0) {
			this.swallowed.set(event.appId, toSwallow - 1);
			return frame;
		}
		const text = JSON.stringify({ ...frame, seq: String(frame.version), sent_at: Date.now() });
		for (const session of this.sessions) {
			if (!session.deaf && session.apps.has(event.appId)) session.socket.send(text);
		}
		return frame;
	}

	/** GET /server/address: where the WebSocket server is, with the trailing ";" HST's own answers carry. */
	protected async serve(
		request: IncomingMessage,
		response: ServerResponse,
		url: URL,
	): Promise<void> {
		if (request.method !== 'GET' || url.pathname !== EGW_ADDRESS_PATH) {
			sendJson(response, 404, { code: 404, message: `no route ${request.method} ${url.pathname}` });
			return;
		}
		const appType = url.searchParams.get('appType');
		const appId = url.searchParams.get('app_id');
		this.recorder.record({
			at: Date.now(),
			method: 'GET',
			path: url.pathname,
			query: Object.fromEntries(url.searchParams),
			headers: {},
			body: undefined,
			outcome: {},
		});
		if (appType !== String(EGW_APP_TYPE)) {
			sendJson(response, 200, { code: 1, message: `unsupported appType ${appType}` });
			return;
		}
		if (appId && !this.options.world.apps.has(appId)) {
			sendJson(response, 200, { code: 2, message: `unknown app ${appId}` });
			return;
		}
		sendJson(response, 200, { code: 0, message: 'OK', result: `${this.websocketUrl};` });
	}

	private accept(socket: WebSocket): void {
		const session: Session = { socket, apps: new Set(), deaf: false };
		this.sessions.add(session);
		socket.on('close', () => this.sessions.delete(session));
		socket.on('error', () => this.sessions.delete(session));
		socket.on('message', (data) => {
			if (session.deaf) return;
			let frame: Record<string, unknown>;
			try {
				frame = JSON.parse(String(data)) as Record<string, unknown>;
			} catch {
				return;
			}
			this.answer(session, frame);
		});
	}

	private reply(
		session: Session,
		request: number,
		result: number,
		message: string,
		extra: object = {},
	): void {
		session.socket.send(JSON.stringify({ id: replyTo(request), result, message, ...extra }));
	}

	private answer(session: Session, frame: Record<string, unknown>): void {
		const id = Number(frame.id);
		const { token: _token, ...visible } = frame;
		this.recorder.record({
			at: Date.now(),
			method: 'WS',
			path: '/',
			query: {},
			headers: {},
			body: visible,
			outcome: { developerId: session.developerId },
		});
		if (id === EgwRequest.LOGIN) {
			const lookup = this.options.tokens.lookup(String(frame.token ?? ''));
			if (this.loginRejections > 0 || !lookup.valid || lookup.developerId !== frame.dev_id) {
				if (this.loginRejections > 0) this.loginRejections -= 1;
				this.reply(session, id, EgwRefusal.TOKEN_INVALID, 'token invalid');
				return;
			}
			session.developerId = lookup.developerId;
			this.reply(session, id, EGW_OK, 'login successful');
			return;
		}
		if (!session.developerId) {
			this.reply(session, id, EgwRefusal.NOT_LOGGED_IN, 'login first');
			return;
		}
		const appList = Array.isArray(frame.app_list) ? (frame.app_list as EgwAppFilter[]) : undefined;
		switch (id) {
			case EgwRequest.SUBSCRIBE: {
				if (!appList?.length)
					return this.reply(session, id, EgwRefusal.BAD_REQUEST, 'app_list required');
				const unknown = appList.find(
					(app) => this.options.world.appOf(session.developerId!, app.app_id) === undefined,
				);
				if (unknown)
					return this.reply(session, id, EgwRefusal.UNKNOWN_APP, `unknown app ${unknown.app_id}`);
				for (const app of appList) session.apps.add(app.app_id);
				return this.reply(session, id, EGW_OK, 'subscribe successful');
			}
			case EgwRequest.UNSUBSCRIBE:
				if (appList) for (const app of appList) session.apps.delete(app.app_id);
				else session.apps.clear();
				return this.reply(session, id, EGW_OK, 'unsubscribe successful');
			case EgwRequest.SYNC: {
				if (!appList?.length)
					return this.reply(session, id, EgwRefusal.BAD_REQUEST, 'app_list required');
				for (const app of appList) {
					if (this.options.world.appOf(session.developerId, app.app_id) === undefined) {
						this.reply(session, id, EgwRefusal.UNKNOWN_APP, `unknown app ${app.app_id}`);
						continue;
					}
					const snapshot = this.state.snapshot(app.app_id);
					const groups = app.group_list?.length
						? snapshot.group_list.filter((group) => app.group_list!.includes(group.group_id))
						: snapshot.group_list;
					this.reply(session, id, EGW_OK, 'synchronize all data successful', {
						app_id: app.app_id,
						group_list: groups,
						version: snapshot.version,
					});
				}
				return;
			}
			case EgwRequest.HEARTBEAT:
				return this.reply(session, id, EGW_OK, 'heartbeat');
			case EgwRequest.LOGOUT:
				this.reply(session, id, EGW_OK, 'logout successful');
				session.developerId = undefined;
				session.socket.close(1000, 'logged out');
				return;
			default:
				return this.reply(session, id, EgwRefusal.BAD_REQUEST, `unknown request ${frame.id}`);
		}
	}

	/** Faults on demand: the ways a real gateway connection goes wrong. */
	fault(kind: string, input: ControlInput): boolean {
		const appId = typeof input.appId === 'string' ? input.appId : undefined;
		const affected = [...this.sessions].filter(
			(session) => appId === undefined || session.apps.has(appId),
		);
		switch (kind) {
			case 'drop':
				for (const session of affected) session.socket.terminate();
				return true;
			case 'halfOpen':
				for (const session of affected) session.deaf = true;
				return true;
			case 'malformed':
				for (const session of affected)
					session.socket.send(String(input.text ?? '{"id": 20100, "version": "not-a-number'));
				return true;
			case 'loseEvents':
				if (!appId) return false;
				this.swallowed.set(appId, (this.swallowed.get(appId) ?? 0) + Number(input.count ?? 1));
				return true;
			case 'skipVersions':
				if (!appId) return false;
				this.state.skip(appId, Number(input.count ?? 1));
				return true;
			case 'rejectLogin':
				this.loginRejections += Number(input.count ?? 1);
				return true;
			default:
				return false;
		}
	}

	protected control(
		action: string,
		input: ControlInput,
		response: ServerResponse,
		url: URL,
	): boolean {
		const appId =
			typeof input.appId === 'string' ? input.appId : (url.searchParams.get('appId') ?? '');
		switch (action) {
			case 'POST /events': {
				const events = (Array.isArray(input.events) ? input.events : [input]) as ScriptedEvent[];
				const invalid = events.find(
					(event) => !isPushedEventId(event.id) || !event.appId || !event.groupId || !event.userId,
				);
				if (invalid) {
					sendJson(response, 400, {
						error: 'each event needs appId, id (20100-20104), groupId, userId',
						event: invalid,
					});
					return true;
				}
				sendJson(
					response,
					200,
					events.map((event) => this.push(event)),
				);
				return true;
			}
			case 'GET /log': {
				const since = Number(url.searchParams.get('sinceVersion') ?? 0);
				sendJson(
					response,
					200,
					this.state.ledger(appId).log.filter((frame) => frame.version > since),
				);
				return true;
			}
			case 'GET /state':
				sendJson(response, 200, this.state.snapshot(appId));
				return true;
			case 'GET /sessions':
				sendJson(
					response,
					200,
					[...this.sessions].map((session) => ({
						developerId: session.developerId,
						apps: [...session.apps],
						deaf: session.deaf,
					})),
				);
				return true;
			case 'POST /generator': {
				this.generators.get(appId)?.stop();
				const generator = new EgwEventGenerator(this.state, (event) => this.push(event), {
					appId,
					rate: Number(input.rate ?? 10),
					groups: Number(input.groups ?? 5),
					users: Number(input.users ?? 20),
					seed: typeof input.seed === 'number' ? input.seed : undefined,
				} satisfies GeneratorSettings);
				this.generators.set(appId, generator);
				generator.start();
				sendJson(response, 200, { started: appId });
				return true;
			}
			case 'DELETE /generator': {
				const generator = this.generators.get(appId);
				generator?.stop();
				this.generators.delete(appId);
				sendJson(response, 200, { stopped: appId, generated: generator?.generated ?? 0 });
				return true;
			}
			case 'POST /reset':
				for (const generator of this.generators.values()) generator.stop();
				this.generators.clear();
				this.state.reset();
				this.loginRejections = 0;
				this.swallowed.clear();
				this.recorder.clear();
				sendJson(response, 200, { reset: true });
				return true;
			default:
				if (
					action.startsWith('POST /faults/') &&
					this.fault(action.slice('POST /faults/'.length), input)
				) {
					sendJson(response, 200, { fault: action.slice('POST /faults/'.length) });
					return true;
				}
				return false;
		}
	}
}
