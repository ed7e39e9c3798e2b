import type { IncomingMessage, ServerResponse } from 'node:http';

import { HstPath, type HstEnvelope } from '../../nodes/shared/hst/api';
import { HstStatus } from '../../nodes/shared/hst/statusCodes';
import {
	isJsonContentType,
	isPlainObject,
	parseJson,
	readBody,
	sendJson,
	BodyTooLargeError,
} from '../http/exchange';
import { HttpEmulator, type ControlInput } from '../http/httpEmulator';
import { QUERY_ROUTES, businessRoutes } from './businessRoutes';
import { verifyFspToken } from './fspTokenVerifier';
import { liveRoutes } from './liveRoutes';
import { serveRecordFile } from './recordFiles';
import { recordingControl } from './recordingControl';
import { recordingRoutes } from './recordingRoutes';
import { TokenRegistry } from './tokens';
import { AnswerStyle, TopLevelAnswer, isAnswerStyle, type AnswerStyleName } from './topLevel';
import { GatewayError } from './validate';
import { HstWorld } from './world';

/**
 * The business operations, then the recording and live APIs of HST's later documents
 * (docs/vendors/hst.md#business-gateway).
 */
const ROUTES = { ...businessRoutes, ...recordingRoutes, ...liveRoutes };

interface HstGatewayOptions {
	port?: number;
	/**
	 * Lifetime of issued tokens (HST says 7200 s, some deployments answer far more: docs/vendors/hst.md#access-token).
	 */
	tokenLifetimeSeconds?: number;
	/** How far an FspToken's `ts` may lie from the gateway's clock. */
	fspMaxSkewMs?: number;
	world?: HstWorld;
}

/** Answers the next `times` matching calls with `code` (HTTP 200) or an HTTP error status. */
export interface InjectedFault {
	path?: string;
	code?: number;
	msg?: string;
	httpStatus?: number;
	times: number;
}

/**
 * The HST PaaS business gateway (docs/vendors/hst.md#business-gateway), strict
 * (docs/vendors/hst.md#sandbox-differences): FspToken checked by decryption, one valid access token per
 * developer, the raw token in `Authorization`, parameters validated with HST's codes
 * (docs/vendors/hst.md#status-codes). It also serves cloud recording (with the files it records) and live
 * streaming.
 */
export class HstGatewayEmulator extends HttpEmulator {
	readonly world: HstWorld;
	readonly tokens: TokenRegistry;
	fspMaxSkewMs: number;
	/** Where the recording and live answers put their fields (HST documents them top-level). */
	answerStyle: AnswerStyleName = AnswerStyle.TOP_LEVEL;
	private faults: InjectedFault[] = [];

	private constructor(options: HstGatewayOptions) {
		super();
		this.world = options.world ?? new HstWorld();
		this.tokens = new TokenRegistry(options.tokenLifetimeSeconds ?? 7200);
		this.fspMaxSkewMs = options.fspMaxSkewMs ?? 5 * 60 * 1000;
	}

	static async start(options: HstGatewayOptions = {}): Promise<HstGatewayEmulator> {
		const emulator = new HstGatewayEmulator(options);
		await emulator.listenOn(options.port ?? 0, 'HST business gateway');
		return emulator;
	}

	override async close(): Promise<void> {
		this.world.recordings.stopTimers();
		await super.close();
	}

	injectFault(fault: InjectedFault): void {
		this.faults.push({ ...fault });
	}

	protected async serve(
		request: IncomingMessage,
		response: ServerResponse,
		url: URL,
	): Promise<void> {
		const method = (request.method ?? 'GET').toUpperCase();
		const query = Object.fromEntries(url.searchParams);
		const rawBody = await readBody(request).catch((error: unknown) => error as Error);
		const outcome: Record<string, unknown> = {};
		let parsedBody: unknown;
		const answer = (status: number, body: HstEnvelope | Record<string, unknown>) => {
			outcome.httpStatus = status;
			if ('code' in body) outcome.code = body.code;
			this.recorder.record({
				at: Date.now(),
				method,
				path: url.pathname,
				query,
				headers: { 'content-type': String(request.headers['content-type'] ?? '') },
				body: parsedBody,
				outcome,
			});
			sendJson(response, status, body);
		};

		if (rawBody instanceof BodyTooLargeError)
			return answer(413, { code: HstStatus.BAD_PARAMETER, msg: rawBody.message });
		if (rawBody instanceof Error) throw rawBody;

		const fault = this.takeFault(url.pathname);
		if (fault?.httpStatus)
			return answer(fault.httpStatus, { error: fault.msg ?? 'injected failure' });
		if (fault)
			return answer(200, {
				code: fault.code ?? HstStatus.SYSTEM_BUSY,
				msg: fault.msg ?? 'injected failure',
			});

		if (method === 'GET' && url.pathname === HstPath.ACCESS_TOKEN) {
			return answer(200, this.issueAccessToken(request, outcome));
		}
		if (method === 'GET' && serveRecordFile(this.world.recordings, url.pathname, response)) return;

		const key = `${method} ${url.pathname}`;
		const route = ROUTES[key];
		if (!route) return answer(404, { code: 404, msg: `no API ${key}` });

		const token = String(request.headers.authorization ?? '');
		if (token === '')
			return answer(200, { code: HstStatus.AUTHENTICATION_FAILED, msg: 'Authentication failed' });
		const lookup = this.tokens.lookup(token);
		if (!lookup.valid) {
			return answer(200, { code: HstStatus.ACCESS_TOKEN_EXPIRED, msg: 'access_token expired' });
		}
		outcome.developerId = lookup.developerId;
		outcome.tokenSerial = lookup.serial;

		let body: Record<string, unknown> = {};
		if (!QUERY_ROUTES.has(key) && method !== 'GET') {
			if (!isJsonContentType(request)) {
				return answer(200, {
					code: HstStatus.BAD_PARAMETER,
					msg: 'Content-Type must be application/json;charset=UTF-8',
				});
			}
			const parsed = parseJson(rawBody);
			if (!parsed.ok || !isPlainObject(parsed.value)) {
				return answer(200, { code: HstStatus.BAD_PARAMETER, msg: 'body must be a JSON object' });
			}
			body = parsed.value;
			parsedBody = body;
		}

		try {
			const result = route({
				developerId: lookup.developerId,
				query,
				body,
				world: this.world,
				now: Date.now(),
				baseUrl: this.url,
			});
			if (result instanceof TopLevelAnswer) return answer(200, this.topLevel(result));
			return answer(
				200,
				result === undefined
					? { code: HstStatus.OK, msg: 'OK' }
					: { code: HstStatus.OK, msg: 'OK', result },
			);
		} catch (error) {
			if (error instanceof GatewayError)
				return answer(200, { code: error.code, msg: error.message });
			throw error;
		}
	}

	private topLevel({ fields }: TopLevelAnswer): Record<string, unknown> {
		const { msg, ...rest } = fields;
		const envelope = { code: HstStatus.OK, msg: typeof msg === 'string' ? msg : 'OK' };
		return this.answerStyle === AnswerStyle.TOP_LEVEL
			? { ...envelope, ...rest }
			: { ...envelope, result: rest };
	}

	private issueAccessToken(
		request: IncomingMessage,
		outcome: Record<string, unknown>,
	): HstEnvelope {
		const refused = (reason: string): HstEnvelope => {
			outcome.reason = reason;
			return { code: HstStatus.AUTHENTICATION_FAILED, msg: `Authentication failed: ${reason}` };
		};
		const header = String(request.headers.authorization ?? '');
		const dot = header.indexOf('.');
		if (dot <= 0) return refused('Authorization must be <devId>.<token>');
		const developerId = header.slice(0, dot);
		const developer = this.world.developers.get(developerId);
		if (!developer) return refused('unknown developer');
		const verdict = verifyFspToken(header.slice(dot + 1), developer.developerSecret, {
			appId: developerId,
			now: Date.now(),
			maxSkewMs: this.fspMaxSkewMs,
		});
		if (!verdict.ok) return refused(verdict.reason);
		const issued = this.tokens.issue(developerId);
		outcome.developerId = developerId;
		outcome.tokenSerial = issued.serial;
		return {
			code: HstStatus.OK,
			msg: 'OK',
			result: { timeout: issued.timeout, access_token: issued.token },
		};
	}

	private takeFault(path: string): InjectedFault | undefined {
		const index = this.faults.findIndex((fault) => fault.path === undefined || fault.path === path);
		if (index < 0) return undefined;
		const fault = this.faults[index];
		fault.times -= 1;
		if (fault.times <= 0) this.faults.splice(index, 1);
		return fault;
	}

	protected control(
		action: string,
		input: ControlInput,
		response: ServerResponse,
		url: URL,
	): boolean {
		const recording = recordingControl(this.world, action, input, url);
		if (recording) {
			sendJson(response, recording.status, recording.body);
			return true;
		}
		const developerId = typeof input.developerId === 'string' ? input.developerId : undefined;
		switch (action) {
			case 'GET /stats':
				sendJson(response, 200, { tokensIssued: this.tokens.issuedByDeveloper() });
				return true;
			case 'GET /invites':
				sendJson(response, 200, this.world.invites);
				return true;
			case 'GET /commands':
				sendJson(response, 200, this.world.commands);
				return true;
			case 'POST /tokens/expire':
				this.tokens.expire(developerId);
				sendJson(response, 200, { expired: developerId ?? 'all' });
				return true;
			case 'POST /tokens/rotate':
				if (!developerId) {
					sendJson(response, 400, { error: 'developerId required' });
					return true;
				}
				this.tokens.rotate(developerId);
				sendJson(response, 200, { rotated: developerId });
				return true;
			case 'POST /config': {
				const latencyProblem = this.latency.configure(input);
				if (latencyProblem) {
					sendJson(response, 400, { error: latencyProblem });
					return true;
				}
				if (typeof input.tokenLifetimeSeconds === 'number')
					this.tokens.lifetimeSeconds = input.tokenLifetimeSeconds;
				if (typeof input.recordingStepMs === 'number')
					this.world.recordings.setPace(input.recordingStepMs);
				if (isAnswerStyle(input.answerStyle)) this.answerStyle = input.answerStyle;
				sendJson(response, 200, {
					tokenLifetimeSeconds: this.tokens.lifetimeSeconds,
					...this.latency.view(),
					recordingStepMs: this.world.recordings.stepMs,
					answerStyle: this.answerStyle,
				});
				return true;
			}
			case 'POST /faults':
				this.injectFault({
					path: typeof input.path === 'string' ? input.path : undefined,
					code: typeof input.code === 'number' ? input.code : undefined,
					msg: typeof input.msg === 'string' ? input.msg : undefined,
					httpStatus: typeof input.httpStatus === 'number' ? input.httpStatus : undefined,
					times: typeof input.times === 'number' ? input.times : 1,
				});
				sendJson(response, 200, { queued: this.faults.length });
				return true;
			case 'POST /reset':
				this.world.reset();
				this.recorder.clear();
				this.faults = [];
				this.latency.reset();
				this.answerStyle = AnswerStyle.TOP_LEVEL;
				sendJson(response, 200, { reset: true });
				return true;
			default:
				return false;
		}
	}
}
