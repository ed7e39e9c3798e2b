import { EgwEmulator } from './hst/egwEmulator';
import { HstGatewayEmulator } from './hst/gateway';
import { SANDBOX_APPS, SANDBOX_DEVELOPERS } from './hst/seed';
import {
	SANDBOX_CLIENT_TOKEN,
	SANDBOX_GATEWAY_SECRET,
	SANDBOX_MEDIA_GATEWAY,
} from './mediaGateway/seed';
import { StreamServerEmulator } from './mediaGateway/streamServer';
import { SlackSinkEmulator } from './slack/slackSink';
import { YoumeEmulator } from './youme/emulator';
import { SANDBOX_YOUME_APP } from './youme/seed';

/** Every emulator's port; 0 picks a free one (what tests do). */
export interface SandboxPorts {
	hstGateway: number;
	/** The event gateway's access server and WebSocket server share it. */
	egw: number;
	youme: number;
	streamServer: number;
	slack: number;
}

export const DEFAULT_SANDBOX_PORTS: SandboxPorts = {
	hstGateway: 28000,
	egw: 29200,
	youme: 28080,
	streamServer: 28090,
	slack: 28070,
};

/** Every emulator on a free port: what tests use, so several runs never collide. */
export const EPHEMERAL_SANDBOX_PORTS: SandboxPorts = Object.fromEntries(
	Object.keys(DEFAULT_SANDBOX_PORTS).map((key) => [key, 0]),
) as unknown as SandboxPorts;

export interface SandboxUrls {
	hstGateway: string;
	/** The HST credential's "Event Gateway Access URL". */
	egw: string;
	youme: string;
	streamServer: string;
	/** A Slack incoming-webhook URL whose messages the sink records. */
	slackWebhook: string;
}

export interface Sandbox {
	hst: HstGatewayEmulator;
	egw: EgwEmulator;
	youme: YoumeEmulator;
	streamServer: StreamServerEmulator;
	slack: SlackSinkEmulator;
	urls: SandboxUrls;
	close(): Promise<void>;
}

/** Starts every vendor emulator on 127.0.0.1; if one cannot start, the ones already started are closed. */
export async function startSandbox(ports: Partial<SandboxPorts> = {}): Promise<Sandbox> {
	const chosen = { ...DEFAULT_SANDBOX_PORTS, ...ports };
	const started: Array<{ close(): Promise<void> }> = [];
	const closeAll = async () => {
		for (const emulator of started.reverse()) await emulator.close();
	};
	try {
		const hst = await HstGatewayEmulator.start({ port: chosen.hstGateway });
		started.push(hst);
		const egw = await EgwEmulator.start({ port: chosen.egw, world: hst.world, tokens: hst.tokens });
		started.push(egw);
		const youme = await YoumeEmulator.start({ port: chosen.youme });
		started.push(youme);
		const streamServer = await StreamServerEmulator.start({ port: chosen.streamServer });
		started.push(streamServer);
		const slack = await SlackSinkEmulator.start({ port: chosen.slack });
		started.push(slack);
		return {
			hst,
			egw,
			youme,
			streamServer,
			slack,
			urls: {
				hstGateway: hst.url,
				egw: egw.url,
				youme: youme.url,
				streamServer: streamServer.url,
				slackWebhook: slack.webhookUrl,
			},
			close: closeAll,
		};
	} catch (error) {
		await closeAll();
		throw error;
	}
}

/** What a person needs to point n8n credentials at the sandbox. */
export function describeSandbox(sandbox: Sandbox): string {
	const demo = SANDBOX_DEVELOPERS.demo;
	const youme = SANDBOX_YOUME_APP;
	return [
		'RTC PaaS sandbox (emulated vendor servers, 127.0.0.1 only)',
		'',
		`HST business gateway   ${sandbox.urls.hstGateway}`,
		`HST event gateway      ${sandbox.urls.egw}  (the credential's Event Gateway Access URL)`,
		`  developer ID         ${demo.developerId}`,
		`  developer secret     ${demo.developerSecret}`,
		`  apps                 ${Object.values(SANDBOX_APPS)
			.filter((app) => app.developerId === demo.developerId)
			.map((app) => `${app.appName} (${app.appId})`)
			.join(', ')}`,
		'',
		`Youme REST API         ${sandbox.urls.youme}`,
		`  app key              ${youme.appKey}`,
		`  app secret           ${youme.appSecret}`,
		`  REST API key         ${youme.restApiKey}`,
		`  identifier           ${youme.identifier}`,
		'',
		`Stream-Server          ${sandbox.urls.streamServer}  (Media Gateway API credential)`,
		`  App-Key              ${SANDBOX_MEDIA_GATEWAY.appKey}`,
		'',
		"App server (issues the clients' Signed Client Tokens; Media Gateway Client Token API credential)",
		`  algorithm            ES256 (public key in sandbox/mediaGateway/seed.ts), or HS256`,
		`  issuer, audience     ${SANDBOX_CLIENT_TOKEN.issuer}, ${SANDBOX_CLIENT_TOKEN.audience}`,
		`  shared secret        header ${SANDBOX_GATEWAY_SECRET.headerName} (Media Gateway Shared Secret API)`,
		'',
		`Slack webhook sink     ${sandbox.urls.slackWebhook}`,
		'',
		'Control API: <emulator URL>/_sandbox/... (requests, stats, tokens/expire, tokens/rotate, faults, config, recordings, live, reset)',
	].join('\n');
}
