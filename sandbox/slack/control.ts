import { control } from '../http/controlClient';
import type { SlackMessage } from './slackSink';

export class SlackSinkControl {
	constructor(readonly baseUrl: string) {}

	messages(): Promise<SlackMessage[]> {
		return control(this.baseUrl, 'GET', '/messages');
	}

	reset(): Promise<unknown> {
		return control(this.baseUrl, 'POST', '/reset');
	}
}
