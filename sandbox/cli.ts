import { PortInUseError } from './http/server';
import { DEFAULT_SANDBOX_PORTS, describeSandbox, startSandbox, type SandboxPorts } from './index';

/** One flag and one environment variable per emulator port. */
const PORT_SETTINGS: Array<{ key: keyof SandboxPorts; flag: string; env: string }> = [
	{ key: 'hstGateway', flag: 'hst-port', env: 'SANDBOX_HST_PORT' },
	{ key: 'egw', flag: 'egw-port', env: 'SANDBOX_EGW_PORT' },
	{ key: 'youme', flag: 'youme-port', env: 'SANDBOX_YOUME_PORT' },
	{ key: 'streamServer', flag: 'stream-server-port', env: 'SANDBOX_STREAM_SERVER_PORT' },
];

const USAGE = [
	`npm run sandbox -- ${PORT_SETTINGS.map((setting) => `[--${setting.flag}=${DEFAULT_SANDBOX_PORTS[setting.key]}]`).join(' ')}`,
	'',
	`Starts the vendor emulators on 127.0.0.1. Ports also come from ${PORT_SETTINGS.map((setting) => setting.env).join(', ')}.`,
].join('\n');

function portsFrom(argv: string[], env: NodeJS.ProcessEnv): Partial<SandboxPorts> {
	const ports: Partial<SandboxPorts> = {};
	for (const setting of PORT_SETTINGS) {
		const raw =
			argv.find((arg) => arg.startsWith(`--${setting.flag}=`))?.split('=')[1] ?? env[setting.env];
		if (raw === undefined) continue;
		const port = Number(raw);
		if (!Number.isInteger(port) || port < 0 || port > 65535)
			throw new Error(`--${setting.flag}: not a port: ${raw}`);
		ports[setting.key] = port;
	}
	return ports;
}

async function main(): Promise<void> {
	const argv = process.argv.slice(2);
	if (argv.includes('--help')) {
		process.stdout.write(`${USAGE}\n`);
		return;
	}
	const sandbox = await startSandbox(portsFrom(argv, process.env));
	process.stdout.write(`${describeSandbox(sandbox)}\n\nPress Ctrl-C to stop.\n`);
	const stop = () => {
		void sandbox.close().then(() => process.exit(0));
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
	process.stderr.write(
		`${error instanceof PortInUseError ? error.message : String((error as Error).stack ?? error)}\n`,
	);
	process.exit(1);
});
