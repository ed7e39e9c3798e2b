import { stopEverything } from './teardownRegistry';

export default async function globalTeardown(): Promise<void> {
	await stopEverything();
}
