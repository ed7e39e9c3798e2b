import { wechatExchange, wechatExit } from './wechatClient';

const USAGE = `npm run wechat-client -- <exchange|exit> --gateway=<URL> [--room=room-1] [--user=user-1] [--spelling=sdk|spec] [--shape=array|object] [--token=<Token header>]

Calls a media gateway's wechat/exchange or wechat/exit the way a WeChat mini-program client does.
The gateway URL of a Media Gateway Trigger is <n8n URL>/webhook/<base path>.
The Token header is a Signed Client Token (ES256) from the sandbox's app server for this App-Key, room
and user, unless --token gives one.`;

async function main(): Promise<void> {
	const [command, ...rest] = process.argv.slice(2);
	const flag = (name: string) =>
		rest
			.find((arg) => arg.startsWith(`--${name}=`))
			?.split('=')
			.slice(1)
			.join('=');
	const gateway = flag('gateway');
	if (!gateway || (command !== 'exchange' && command !== 'exit')) {
		process.stdout.write(`${USAGE}\n`);
		process.exitCode = 2;
		return;
	}
	const options = {
		gateway,
		roomId: flag('room') ?? 'room-1',
		userId: flag('user') ?? 'user-1',
		spelling: (flag('spelling') ?? 'sdk') as 'sdk' | 'spec',
		shape: (flag('shape') ?? 'array') as 'array' | 'object',
		token: flag('token'),
	};
	const reply = command === 'exchange' ? await wechatExchange(options) : await wechatExit(options);
	process.stdout.write(
		`HTTP ${reply.status}\n${reply.answer ? JSON.stringify(reply.answer, null, 2) : reply.text}\n`,
	);
	if (reply.answer?.resultCode !== 10000) process.exitCode = 1;
}

main().catch((error: unknown) => {
	process.stderr.write(`${String((error as Error).message ?? error)}\n`);
	process.exit(1);
});
