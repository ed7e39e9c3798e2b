import { describeSandbox } from '../sandbox';
import { PortInUseError } from '../sandbox/http/server';
import { PORT_USAGE, flagValue, portFrom, sandboxPortsFrom } from '../sandbox/ports';
import { REAL_CREDENTIAL_ENV } from './mainJob/credentials';
import { LOGIN, startMainJob, type MainJob } from './mainJob';

const USAGE = `npm start -- [--n8n-port=5678] [--real] [sandbox ports]

Builds this package, starts the sandbox and a real n8n with the package installed, creates credentials
and publishes the example workflows. Ctrl-C stops everything.

  --n8n-port=5678   n8n's port (N8N_PORT)
  --real            real vendor endpoints instead of the sandbox (RTC_PAAS_TARGET=real); credentials come
                    from the environment: ${Object.values(REAL_CREDENTIAL_ENV)
											.flatMap((entry) => [...entry.required, ...entry.optional])
											.join(', ')}, SLACK_WEBHOOK_URL
  sandbox ports:
  ${PORT_USAGE}`;

function log(line: string): void {
	process.stdout.write(`\x1b[36m›\x1b[0m ${line}\n`);
}

function ready(job: MainJob): string {
	const lines = [
		'',
		`n8n is ready: ${job.n8n.url}`,
		`  login:      ${LOGIN.email} / ${LOGIN.password}`,
		`  data:       ${job.n8n.userFolder} (fresh on every start)`,
		'',
		'Example workflows:',
		...job.examples.map(
			(example) =>
				`  ${example.active ? 'published' : 'imported '}  ${example.name}${example.skipped ? ` (${example.skipped})` : ''}`,
		),
	];
	if (job.sandbox) {
		lines.push(
			'',
			describeSandbox(job.sandbox),
			'',
			'Try the examples (another terminal):',
			'  npm run scenario -- teacher-joins   a teacher joins a room → students are invited (npm run scenario -- invites)',
			'  npm run scenario -- class-starts    a teacher joins room-102 → a recording starts (npm run scenario -- recordings)',
			'  npm run scenario -- class-ends      the teacher leaves → recording stopped, its files posted to Slack (npm run scenario -- slack)',
			`  npm run scenario -- wechat-client   a mini-program calls ${job.n8n.url}/webhook/media-gateway/wechat/exchange`,
			'  Open "Youme: daily quality report to Slack" and run it; npm run scenario -- slack shows the message.',
		);
	}
	if (job.missingCredentials.length > 0)
		lines.push(
			'',
			`Not configured (set the environment variables): ${job.missingCredentials.join('; ')}`,
		);
	lines.push('', 'Press Ctrl-C to stop everything.');
	return lines.join('\n');
}

async function main(): Promise<void> {
	const argv = process.argv.slice(2);
	if (argv.includes('--help')) {
		process.stdout.write(`${USAGE}\n`);
		return;
	}
	const real = argv.includes('--real') || process.env.RTC_PAAS_TARGET === 'real';
	const job = await startMainJob({
		target: real ? 'real' : 'sandbox',
		n8nPort: portFrom(flagValue(argv, 'n8n-port') ?? process.env.N8N_PORT ?? '5678', '--n8n-port'),
		sandboxPorts: sandboxPortsFrom(argv, process.env),
		log,
	});
	process.stdout.write(`${ready(job)}\n`);

	let stopping = false;
	const stop = () => {
		if (stopping) return;
		stopping = true;
		log('Stopping n8n and the sandbox');
		void job.stop().then(() => process.exit(0));
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
	job.n8n.process.once('exit', (code) => {
		if (stopping) return;
		process.stderr.write(`n8n stopped unexpectedly (exit ${code}); see ${job.n8n.logFile}\n`);
		stop();
	});
}

main().catch((error: unknown) => {
	const message =
		error instanceof PortInUseError
			? `${error.message}\nPorts are chosen with flags or environment variables: npm start -- --help`
			: String((error as Error).stack ?? error);
	process.stderr.write(`${message}\n`);
	process.exit(1);
});
