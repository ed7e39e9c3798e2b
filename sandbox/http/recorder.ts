/** What an emulator received, kept so tests and the CLI can show and assert it. */
export interface RecordedRequest {
	at: number;
	method: string;
	path: string;
	query: Record<string, string>;
	headers: Record<string, string>;
	body: unknown;
	/** What the emulator concluded, e.g. the status code it answered. */
	outcome: Record<string, unknown>;
}

export class RequestRecorder {
	private readonly requests: RecordedRequest[] = [];

	constructor(private readonly capacity = 20_000) {}

	record(entry: RecordedRequest): void {
		this.requests.push(entry);
		if (this.requests.length > this.capacity)
			this.requests.splice(0, this.requests.length - this.capacity);
	}

	list(filter: { path?: string; method?: string } = {}): RecordedRequest[] {
		return this.requests.filter(
			(entry) =>
				(filter.path === undefined || entry.path === filter.path) &&
				(filter.method === undefined || entry.method === filter.method.toUpperCase()),
		);
	}

	clear(): void {
		this.requests.length = 0;
	}
}
