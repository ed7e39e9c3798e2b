import { DEFAULT_SANDBOX_PORTS, type SandboxPorts } from './index';

/** One flag and one environment variable per emulator port. */
const PORT_SETTINGS: Array<{ key: keyof SandboxPorts; flag: string; env: string }> = [
	{ key: 'hstGateway', flag: 'hst-port', env: 'SANDBOX_HST_PORT' },
	{ key: 'egw', flag: 'egw-port', env: 'SANDBOX_EGW_PORT' },
	{ key: 'youme', flag: 'youme-port', env: 'SANDBOX_YOUME_PORT' },
	{ key: 'streamServer', flag: 'stream-server-port', env: 'SANDBOX_STREAM_SERVER_PORT' },
	{ key: 'slack', flag: 'slack-port', env: 'SANDBOX_SLACK_PORT' },
];

export function flagValue(argv: string[], name: string): string | undefined {
	return argv
		.find((arg) => arg.startsWith(`--${name}=`))
		?.split('=')
		.slice(1)
		.join('=');
}

export function portFrom(raw: string, what: string): number {
	const port = Number(raw);
	if (!Number.isInteger(port) || port < 0 || port > 65535)
		throw new Error(`${what}: not a port: ${raw}`);
	return port;
}

/** The emulator ports chosen by flags or environment, defaults for the rest. */
export function sandboxPortsFrom(argv: string[], env: NodeJS.ProcessEnv): SandboxPorts {
	const ports = { ...DEFAULT_SANDBOX_PORTS };
	for (const setting of PORT_SETTINGS) {
		const raw = flagValue(argv, setting.flag) ?? env[setting.env];
		if (raw !== undefined) ports[setting.key] = portFrom(raw, `--${setting.flag}`);
	}
	return ports;
}

export const PORT_USAGE = PORT_SETTINGS.map(
	(setting) => `--${setting.flag}=${DEFAULT_SANDBOX_PORTS[setting.key]} (${setting.env})`,
).join('\n  ');
