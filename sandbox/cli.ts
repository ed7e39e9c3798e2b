import { PortInUseError } from './http/server';
import { describeSandbox, startSandbox } from './index';
import { PORT_USAGE, sandboxPortsFrom } from './ports';

const USAGE = `npm run sandbox -- [ports]

Starts the vendor emulators on 127.0.0.1. Ports (flag, or environment variable):
  ${PORT_USAGE}`;

async function main(): Promise<void> {
	const argv = process.argv.slice(2);
	if (argv.includes('--help')) {
		process.stdout.write(`${USAGE}\n`);
		return;
	}
	const sandbox = await startSandbox(sandboxPortsFrom(argv, process.env));
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
