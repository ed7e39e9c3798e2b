import { formatUtc8 } from './billing';

export interface LiveStream {
	appId: string;
	groupId: string;
	startedAt: number;
	flv_url: string;
	m3u8_url: string;
	rtmp_url: string;
	settings: Record<string, number | undefined>;
}

/** The live streams running, one per group of an app. */
export class LiveStreams {
	private readonly streams = new Map<string, LiveStream>();

	clear(): void {
		this.streams.clear();
	}

	get(appId: string, groupId: string): LiveStream | undefined {
		return this.streams.get(`${appId}/${groupId}`);
	}

	of(appId: string): LiveStream[] {
		return [...this.streams.values()].filter((stream) => stream.appId === appId);
	}

	/** URLs in HST's form, `…/fsp-live/<UTC+8 start>_<group>`, at the gateway's host. */
	start(
		appId: string,
		groupId: string,
		host: string,
		now: number,
		settings: LiveStream['settings'],
	): LiveStream {
		const name = `${formatUtc8(now).replace(/\D/g, '')}_${encodeURIComponent(groupId)}`;
		const stream: LiveStream = {
			appId,
			groupId,
			startedAt: now,
			flv_url: `http://${host}/fsp-live/${name}.flv`,
			m3u8_url: `http://${host}/fsp-live/${name}.m3u8`,
			rtmp_url: `rtmp://${host.replace(/:\d+$/, '')}:1935/fsp-live/${name}`,
			settings,
		};
		this.streams.set(`${appId}/${groupId}`, stream);
		return stream;
	}

	stop(appId: string, groupId: string): boolean {
		return this.streams.delete(`${appId}/${groupId}`);
	}
}
