import { EgwEvent } from '../nodes/shared/hst/egw';
import { HST_RECORD_STATUS_NAMES } from '../nodes/shared/hst/recording';
import { EgwControl } from './hst/egwControl';
import { HstGatewayControl } from './hst/gatewayControl';
import { SANDBOX_APPS } from './hst/seed';
import { wechatExchange } from './mediaGateway/wechatClient';
import { flagValue, sandboxPortsFrom } from './ports';
import { SlackSinkControl } from './slack/control';

const USAGE = `npm run scenario -- <name> [--n8n=http://127.0.0.1:5678] [sandbox ports]

Plays a scenario against the running sandbox (npm start or npm run sandbox):
  teacher-joins   a teacher joins room-101 of demo_classroom (example 1 invites students)
  invites         the invites the HST emulator received
  wechat-client   a WeChat mini-program calls the media gateway workflow (example 3)
  slack           the messages the Slack sink received (examples 2, 4 and 5)
  class-starts    teacher04 joins room-102 of demo_classroom (example 5 starts a recording)
  class-ends      teacher04 leaves room-102 (example 5 stops it; once done, its files go to Slack)
  recordings      the recordings of demo_classroom of the last 24 hours, status by status`;

async function main(): Promise<void> {
	const [name, ...argv] = process.argv.slice(2);
	const ports = sandboxPortsFrom(argv, process.env);
	const local = (port: number) => `http://127.0.0.1:${port}`;
	switch (name) {
		case 'teacher-joins': {
			const teacher = `teacher0${1 + Math.floor(Math.random() * 4)}`;
			const [frame] = await new EgwControl(local(ports.egw)).push({
				appId: SANDBOX_APPS.classroom.appId,
				id: EgwEvent.USER_JOINED,
				groupId: 'room-101',
				userId: teacher,
			});
			process.stdout.write(
				`${teacher} joined room-101 (event version ${frame.version}). See the invites: npm run scenario -- invites\n`,
			);
			return;
		}
		case 'class-starts':
		case 'class-ends': {
			const joins = name === 'class-starts';
			const [frame] = await new EgwControl(local(ports.egw)).push({
				appId: SANDBOX_APPS.classroom.appId,
				id: joins ? EgwEvent.USER_JOINED : EgwEvent.USER_LEFT,
				groupId: 'room-102',
				userId: 'teacher04',
			});
			process.stdout.write(
				`teacher04 ${joins ? 'joined' : 'left'} room-102 (event version ${frame.version}). ${
					joins
						? 'See the recording: npm run scenario -- recordings'
						: 'The recording is encoded and uploaded in a few seconds; then: npm run scenario -- slack'
				}\n`,
			);
			return;
		}
		case 'recordings': {
			const recordings = await new HstGatewayControl(local(ports.hstGateway)).recordings(
				SANDBOX_APPS.classroom.appId,
			);
			const recent = recordings.filter(
				(recording) => recording.history[0]?.at >= Date.now() - 86_400_000,
			);
			for (const recording of recent) {
				const steps = recording.history
					.map((step) => HST_RECORD_STATUS_NAMES[step.status])
					.join(' → ');
				process.stdout.write(
					`${recording.record_id}  ${recording.group_id}  ${steps}  files: ${recording.files}\n`,
				);
			}
			if (recent.length === 0)
				process.stdout.write('No recording yet: npm run scenario -- class-starts\n');
			return;
		}
		case 'invites':
			process.stdout.write(
				`${JSON.stringify(await new HstGatewayControl(local(ports.hstGateway)).invites(), null, 2)}\n`,
			);
			return;
		case 'wechat-client': {
			const n8n = flagValue(argv, 'n8n') ?? `http://127.0.0.1:${process.env.N8N_PORT ?? 5678}`;
			const reply = await wechatExchange({
				gateway: `${n8n}/webhook/media-gateway`,
				roomId: 'room-1',
				userId: 'mini-program-user',
			});
			process.stdout.write(
				`HTTP ${reply.status}\n${reply.answer ? JSON.stringify(reply.answer, null, 2) : reply.text}\n`,
			);
			return;
		}
		case 'slack':
			for (const message of await new SlackSinkControl(local(ports.slack)).messages()) {
				process.stdout.write(
					`--- ${new Date(message.at).toISOString()}\n${message.text ?? JSON.stringify(message.blocks)}\n`,
				);
			}
			return;
		default:
			process.stdout.write(`${USAGE}\n`);
			process.exitCode = name ? 2 : 0;
	}
}

main().catch((error: unknown) => {
	process.stderr.write(
		`${(error as Error).message}\n(is the sandbox running? npm start, or npm run sandbox)\n`,
	);
	process.exit(1);
});
