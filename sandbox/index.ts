import { HstGatewayEmulator } from './hst/gateway';
import { SANDBOX_APPS, SANDBOX_DEVELOPERS } from './hst/seed';

/** Every emulator's port; 0 picks a free one (what tests do). */
export interface SandboxPorts {
	hstGateway: number;
}

export const DEFAULT_SANDBOX_PORTS: SandboxPorts = {
	hstGateway: 28000,
};

export interface SandboxUrls {
	hstGateway: string;
}

export interface Sandbox {
	hst: HstGatewayEmulator;
	urls: SandboxUrls;
	close(): Promise<void>;
}

/** Starts every vendor emulator on 127.0.0.1; if one cannot start, the others are closed again. */
export async function startSandbox(ports: Partial<SandboxPorts> = {}): Promise<Sandbox> {
	const chosen = { ...DEFAULT_SANDBOX_PORTS, ...ports };
	const hst = await HstGatewayEmulator.start({ port: chosen.hstGateway });
	return {
		hst,
		urls: { hstGateway: hst.url },
		close: async () => {
			await hst.close();
		},
	};
}

/** What a person needs to point n8n credentials at the sandbox. */
export function describeSandbox(sandbox: Sandbox): string {
	const demo = SANDBOX_DEVELOPERS.demo;
	return [
		'RTC PaaS sandbox (emulated vendor servers, 127.0.0.1 only)',
		'',
		`HST business gateway   ${sandbox.urls.hstGateway}`,
		`  developer ID         ${demo.developerId}`,
		`  developer secret     ${demo.developerSecret}`,
		`  apps                 ${Object.values(SANDBOX_APPS)
			.filter((app) => app.developerId === demo.developerId)
			.map((app) => `${app.appName} (${app.appId})`)
			.join(', ')}`,
		'',
		`Control API: <emulator URL>/_sandbox/... (requests, stats, tokens/expire, tokens/rotate, faults, config, reset)`,
	].join('\n');
}
