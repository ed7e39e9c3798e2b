import { DEFAULT_SANDBOX_PORTS, describeSandbox, startSandbox, type SandboxPorts } from './index';
import { PortInUseError } from './http/server';

const USAGE = `npm run sandbox -- [--hst-port=28000]

Starts the vendor emulators on 127.0.0.1. Ports also come from SANDBOX_HST_PORT.`;

function portsFrom(argv: string[], env: NodeJS.ProcessEnv): Partial<SandboxPorts> {
	const ports: Partial<SandboxPorts> = {};
	const flag = (name: string) => argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
	const hst = flag('hst-port') ?? env.SANDBOX_HST_PORT;
	if (hst !== undefined) ports.hstGateway = Number(hst);
	for (const [name, value] of Object.entries(ports)) {
		if (!Number.isInteger(value) || value < 0 || value > 65535) throw new Error(`${name}: not a port: ${value}`);
	}
	return ports;
}

async function main(): Promise<void> {
	const argv = process.argv.slice(2);
	if (argv.includes('--help')) {
		process.stdout.write(`${USAGE}\n`);
		return;
	}
	const sandbox = await startSandbox({ ...DEFAULT_SANDBOX_PORTS, ...portsFrom(argv, process.env) });
	process.stdout.write(`${describeSandbox(sandbox)}\n\nPress Ctrl-C to stop.\n`);
	const stop = () => {
		void sandbox.close().then(() => process.exit(0));
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof PortInUseError ? error.message : String((error as Error).stack ?? error)}\n`);
	process.exit(1);
});
