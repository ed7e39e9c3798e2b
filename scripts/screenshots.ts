import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';

import { EPHEMERAL_SANDBOX_PORTS } from '../sandbox';
import { freePort } from '../test/e2e/harness/n8nInstance';
import { startMainJob } from './mainJob';
import { projectRoot } from './projectRoot';

/**
 * Regenerates docs/images: the real n8n editor with this package and the examples, as `npm start` sets
 * it up, photographed in Debian's headless Chromium. `npm run screenshots`.
 */
const CHROMIUM = '/usr/bin/chromium';
/** A font with Chinese glyphs, for the vendor names (好视通, 游密) shown in the editor. */
const CJK_FONT = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
const OUT = path.join(projectRoot(), 'docs', 'images');

/** Debian's chromium and a CJK font, installed on first use (needs root, as on these machines). */
function ensureChromium(): void {
	const missing = [
		...(existsSync(CHROMIUM) ? [] : ['chromium']),
		...(existsSync(CJK_FONT) ? [] : ['fonts-wqy-microhei']),
	];
	if (missing.length === 0) return;
	process.stdout.write(`Installing Debian packages: ${missing.join(' ')}\n`);
	execFileSync('apt-get', ['install', '-y', '-qq', ...missing], {
		stdio: 'inherit',
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
	});
}

async function settle(page: Page): Promise<void> {
	await page.waitForLoadState('networkidle').catch(() => undefined);
	await page.waitForTimeout(1200);
	for (let round = 0; round < 3; round++) await page.keyboard.press('Escape');
	// n8n 2.x opens a "Production Checklist" over published workflows now and then; Escape keeps it.
	await page
		.getByText('Production Checklist', { exact: true })
		.locator('xpath=ancestor::*[.//button][1]//button')
		.first()
		.click({ timeout: 1000 })
		.catch(() => undefined);
}

/** Opens a node's settings as a double-click on the canvas node does. */
async function openNode(page: Page, name: string): Promise<void> {
	await page
		.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`)
		.dblclick({ force: true });
}

async function shoot(page: Page, name: string): Promise<void> {
	await page.screenshot({ path: path.join(OUT, `${name}.png`) });
	process.stdout.write(`  docs/images/${name}.png\n`);
}

async function main(): Promise<void> {
	ensureChromium();
	const job = await startMainJob({
		target: 'sandbox',
		n8nPort: await freePort(),
		sandboxPorts: EPHEMERAL_SANDBOX_PORTS,
		log: (line) => process.stdout.write(`› ${line}\n`),
	});
	const browser = await chromium.launch({
		executablePath: CHROMIUM,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
	});
	try {
		const context = await browser.newContext({
			viewport: { width: 1440, height: 860 },
			deviceScaleFactor: 1,
		});
		const [name, value] = (job.n8n.api.cookie ?? '').split(';')[0].split('=');
		await context.addCookies([{ name, value, domain: '127.0.0.1', path: '/' }]);
		const page = await context.newPage();
		const url = job.n8n.url;

		for (const example of job.examples) {
			await page.goto(`${url}/workflow/${example.id}`);
			await settle(page);
			await page.keyboard.press('1');
			await page.waitForTimeout(600);
			await shoot(page, `example-${example.file.replace(/\.json$/, '')}`);
		}

		const invite = job.examples.find((example) => example.file.startsWith('1-'))!;
		await page.goto(`${url}/workflow/${invite.id}`);
		await settle(page);
		await openNode(page, 'Invite Students');
		await page.waitForTimeout(1500);
		await shoot(page, 'node-hst-invite');

		const recordEveryClass = job.examples.find((example) => example.file.startsWith('5-'))!;
		await page.goto(`${url}/workflow/${recordEveryClass.id}`);
		await settle(page);
		await openNode(page, 'Start Recording');
		await page.waitForTimeout(1500);
		await shoot(page, 'node-hst-start-recording');

		const gateway = job.examples.find((example) => example.file.startsWith('3-'))!;
		await page.goto(`${url}/workflow/${gateway.id}`);
		await settle(page);
		await openNode(page, 'Media Gateway Trigger');
		await page.waitForTimeout(1200);
		await page.getByText('Webhook URLs', { exact: true }).click();
		await page
			.getByText('Production URL', { exact: true })
			.click({ timeout: 2000 })
			.catch(() => undefined);
		await page.waitForTimeout(800);
		await shoot(page, 'node-media-gateway-trigger');

		await page.goto(`${url}/workflow/new`);
		await settle(page);
		await page
			.getByRole('button', { name: 'Got it' })
			.click({ timeout: 2000 })
			.catch(() => undefined);
		// n8n 2.x opens the nodes panel with N (1.x with Tab).
		await page.keyboard.press('n');
		await page.waitForTimeout(800);
		await page.keyboard.type('HST', { delay: 60 });
		await page.waitForTimeout(1500);
		await shoot(page, 'node-panel');
	} finally {
		await browser.close();
		await job.stop();
	}
}

main().catch((error: unknown) => {
	process.stderr.write(`${String((error as Error).stack ?? error)}\n`);
	process.exit(1);
});
